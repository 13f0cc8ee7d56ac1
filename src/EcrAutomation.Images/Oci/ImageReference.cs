using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// An image reference <c>[registry/]repository[:tag][@digest]</c>, normalised the way Docker does
/// (no registry means Docker Hub, a single-segment Hub name gets <c>library/</c>).
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>The Docker Hub registry host used when a reference names none.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>Registry host and optional port, e.g. <c>127.0.0.1:5000</c>.</summary>
    public required string Registry { get; init; }

    /// <summary>Repository path, e.g. <c>demo/app</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The tag (e.g. <c>1.2</c>), or null when the reference has none.</summary>
    public string? Tag { get; init; }

    /// <summary>The digest pinned with <c>@sha256:…</c>, or null; it wins over the tag when fetching.</summary>
    public Digest? Digest { get; init; }

    /// <summary>The tag or digest to fetch: the digest wins, then the tag, then <c>latest</c>.</summary>
    public string Reference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>Parses and normalises a reference the way Docker does (e.g. <c>nginx</c> is <c>docker.io/library/nginx</c>).</summary>
    /// <exception cref="FormatException">The text is not a valid reference.</exception>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference) ? reference : throw new FormatException($"'{text}' is not a valid image reference.");

    /// <summary>Like <see cref="Parse"/>, but returns false for invalid text instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rest = text.Trim();
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!Oci.Digest.TryParse(rest[(at + 1)..], out var parsed))
            {
                return false;
            }

            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                return false;
            }
        }

        string registry;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? null : rest[..firstSlash];
        if (first is not null && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            registry = first;
            rest = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal))
        {
            rest = "library/" + rest;
        }

        if (!RepositoryPattern().IsMatch(rest))
        {
            return false;
        }

        reference = new ImageReference { Registry = registry, Repository = rest, Tag = tag, Digest = digest };
        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? string.Empty : ":" + Tag)}{(Digest is null ? string.Empty : "@" + Digest)}";

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
