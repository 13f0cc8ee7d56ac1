using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace EcrAutomation.LocalCloud.Storage;

/// <summary>Digest helpers (only sha256 is stored; other algorithms are refused as invalid).</summary>
internal static partial class Digests
{
    public static string Sha256(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>ECR's digest pattern.</summary>
    public static bool IsValid(string? digest) => digest is not null && EcrDigestPattern().IsMatch(digest);

    /// <summary>A digest this registry can store: sha256 with 64 lowercase hex digits.</summary>
    public static bool IsSha256(string? digest) => digest is not null && Sha256Pattern().IsMatch(digest);

    [GeneratedRegex("^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$")]
    private static partial Regex EcrDigestPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256Pattern();
}
