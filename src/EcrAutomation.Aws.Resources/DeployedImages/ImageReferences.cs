namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>Reading image references (<c>registry/repository:tag</c> or <c>registry/repository@digest</c>).</summary>
internal static class ImageReferences
{
    /// <summary>Whether <paramref name="image"/> is an image of <paramref name="repositoryName"/> in some registry.</summary>
    public static bool IsOf(string image, string repositoryName)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        var path = image[(slash + 1)..];
        var end = path.IndexOf('@', StringComparison.Ordinal);
        if (end < 0) end = path.LastIndexOf(':') is var c && c >= 0 ? c : path.Length;
        return string.Equals(path[..end], repositoryName, StringComparison.Ordinal);
    }

    /// <summary>The digest an image reference names: its own, or its tag's (<c>latest</c> when it has none) in <paramref name="byTag"/>.</summary>
    public static string? DigestOf(string image, IReadOnlyDictionary<string, string> byTag)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) return image[(at + 1)..];
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > slash ? image[(colon + 1)..] : "latest";
        return byTag.TryGetValue(tag, out var digest) ? digest : null;
    }
}
