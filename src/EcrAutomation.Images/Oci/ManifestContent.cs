using System.Text.Json;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// A manifest or index as exact bytes plus its media type. The digest is always computed from these bytes,
/// never from a re-serialised model, so it matches what a registry stores and serves.
/// </summary>
public sealed class ManifestContent
{
    private readonly byte[] _bytes;

    /// <summary>Wraps exact manifest bytes; the media type comes from the argument or, if null, from the document.</summary>
    /// <exception cref="FormatException">The bytes are not a JSON object or no media type can be found.</exception>
    public ManifestContent(ReadOnlySpan<byte> bytes, string? mediaType = null)
    {
        _bytes = bytes.ToArray();
        Digest = Digest.Compute(_bytes);
        MediaType = NormaliseMediaType(mediaType) ?? ReadMediaType(_bytes)
            ?? throw new FormatException("The manifest has no mediaType and none was given.");
    }

    /// <summary>The media type of the document (from the registry's answer or the document itself); sent as the Content-Type on push.</summary>
    public string MediaType { get; }

    /// <summary>The bytes exactly as stored; <see cref="Digest"/> is computed over them, so push these rather than a re-serialised model.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The sha256 digest of <see cref="Bytes"/>.</summary>
    public Digest Digest { get; }

    /// <summary>Whether this is an index or manifest list.</summary>
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>A descriptor pointing at this content.</summary>
    public Descriptor ToDescriptor(Platform? platform = null) =>
        new() { MediaType = MediaType, Digest = Digest, Size = _bytes.Length, Platform = platform };

    /// <summary>Parses the bytes as a single-image manifest.</summary>
    /// <exception cref="InvalidOperationException">This is an index.</exception>
    public ImageManifest AsManifest() => IsIndex
        ? throw new InvalidOperationException($"{Digest} is an index ({MediaType}), not an image manifest.")
        : OciJson.Deserialize<ImageManifest>(_bytes);

    /// <summary>Parses the bytes as an index or manifest list.</summary>
    /// <exception cref="InvalidOperationException">This is a single-image manifest.</exception>
    public ImageIndex AsIndex() => !IsIndex
        ? throw new InvalidOperationException($"{Digest} is an image manifest ({MediaType}), not an index.")
        : OciJson.Deserialize<ImageIndex>(_bytes);

    /// <summary>Serialises a manifest once and keeps those bytes.</summary>
    public static ManifestContent From(ImageManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new ManifestContent(OciJson.Serialize(manifest), manifest.MediaType ?? MediaTypes.OciManifest);
    }

    /// <summary>Serialises an index once and keeps those bytes.</summary>
    public static ManifestContent From(ImageIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new ManifestContent(OciJson.Serialize(index), index.MediaType ?? MediaTypes.OciIndex);
    }

    /// <inheritdoc />
    public override string ToString() => $"{MediaType} {Digest} ({_bytes.Length} bytes)";

    private static string? NormaliseMediaType(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return null;
        }

        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        var value = (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();
        // Registries may answer a generic type; the document's own mediaType is then the better source.
        return value is "application/json" or "application/octet-stream" or "text/plain" ? null : value;
    }

    private static string? ReadMediaType(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("A manifest must be a JSON object.");
            }

            if (root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String)
            {
                return mediaType.GetString();
            }

            // OCI allows omitting mediaType: infer it from the shape.
            if (root.TryGetProperty("manifests", out _))
            {
                return MediaTypes.OciIndex;
            }

            return root.TryGetProperty("config", out _) ? MediaTypes.OciManifest : null;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Malformed manifest: {ex.Message}", ex);
        }
    }
}
