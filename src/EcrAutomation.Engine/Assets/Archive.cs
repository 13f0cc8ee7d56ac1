namespace EcrAutomation.Assets;

/// <summary>A set of named blobs: <see cref="FileArchive"/> (a folder or archive file) or <see cref="AssetArchive"/>.</summary>
public abstract class Archive : AssetOrArchive
{
    private protected Archive() { }

    /// <summary>The archive's content hash (what state records and diffs compare).</summary>
    internal abstract string ComputeHash();
}
