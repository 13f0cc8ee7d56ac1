using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// A content digest such as <c>sha256:4f2c…</c>, validated on construction
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</see>).
/// </summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest
{
    /// <summary>The only algorithm this library computes; sha512 is accepted when parsing.</summary>
    public const string Sha256 = "sha256";

    /// <summary>Creates a digest after validating the algorithm and the lower-case hex encoding.</summary>
    /// <exception cref="FormatException">The algorithm is unknown or the hex is malformed.</exception>
    public Digest(string algorithm, string hex)
    {
        if (!IsValid(algorithm, hex))
        {
            throw new FormatException($"'{algorithm}:{hex}' is not a valid digest (expected sha256:<64 lower-case hex> or sha512:<128 lower-case hex>).");
        }

        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>The algorithm, <c>sha256</c> or <c>sha512</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lower-case hex encoded hash.</summary>
    public string Hex { get; }

    /// <summary>Parses <c>algorithm:hex</c>.</summary>
    /// <exception cref="FormatException">The text is not a valid digest.</exception>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest : throw new FormatException($"'{text}' is not a valid digest.");

    /// <summary>Parses <c>algorithm:hex</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Digest digest)
    {
        digest = default;
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        if (!IsValid(algorithm, hex))
        {
            return false;
        }

        digest = new Digest(algorithm, hex);
        return true;
    }

    /// <summary>Computes the sha256 digest of the given bytes.</summary>
    public static Digest Compute(ReadOnlySpan<byte> content) =>
        new(Sha256, Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Computes the sha256 digest of a stream, reading it to the end.</summary>
    public static async Task<Digest> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
        return new Digest(Sha256, Convert.ToHexStringLower(hash));
    }

    /// <summary>Creates a sha256 digest from a raw 32-byte hash.</summary>
    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new(Sha256, Convert.ToHexStringLower(hash));

    /// <summary>Whether this is the default (empty) value.</summary>
    public bool IsEmpty => Algorithm is null;

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? string.Empty : $"{Algorithm}:{Hex}";

    private static bool IsValid(string? algorithm, string? hex)
    {
        var expectedLength = algorithm switch
        {
            Sha256 => 64,
            "sha512" => 128,
            _ => -1,
        };
        if (expectedLength < 0 || hex is null || hex.Length != expectedLength)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
