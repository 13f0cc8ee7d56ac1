using EcrAutomation.Providers;

namespace EcrAutomation.Assets;

/// <summary>An archive made of named assets and archives (Pulumi's <c>AssetArchive</c>): each member at its name.</summary>
/// <param name="members">The members by their name (path) in the archive.</param>
public sealed class AssetArchive(IReadOnlyDictionary<string, AssetOrArchive> members) : Archive
{
    /// <summary>The members by their name (path) in the archive.</summary>
    public IReadOnlyDictionary<string, AssetOrArchive> Members { get; } = members;

    internal override PropertyValue ToPropertyValue() => PropertyValue.Archive(new AssetValue(ComputeHash()));

    internal override string ComputeHash() => HashOfMembers(Members.Select(m => (m.Key, m.Value switch
    {
        Archive archive => archive.ComputeHash(),
        _ => m.Value.ToPropertyValue().AsAsset.Hash,
    })));
}
