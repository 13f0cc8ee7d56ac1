using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Providers;

namespace EcrAutomation.Assets;

/// <summary>
/// Content a resource input can carry (Pulumi's <c>AssetOrArchive</c>): a single blob (<see cref="Asset"/>) or a set of
/// named blobs (<see cref="Archive"/>). It reaches providers and state as an asset or archive property identified by the
/// SHA-256 of its content, so an edit to the content is a change and an unchanged file is not.
/// </summary>
public abstract class AssetOrArchive
{
    private protected AssetOrArchive() { }

    /// <summary>The property value a provider and the state see: the content's hash and where it comes from.</summary>
    internal abstract PropertyValue ToPropertyValue();

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>, the form of Pulumi's asset hashes.</summary>
    private protected static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A hash over named member hashes, in ordinal name order, so equal content in any order hashes equal.</summary>
    private protected static string HashOfMembers(IEnumerable<(string Name, string Hash)> members) =>
        Sha256(Encoding.UTF8.GetBytes(string.Concat(members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => $"{m.Name}\0{m.Hash}\n"))));
}
