namespace EcrAutomation.Assets;

/// <summary>A single blob of content: <see cref="StringAsset"/> or <see cref="FileAsset"/>.</summary>
public abstract class Asset : AssetOrArchive
{
    private protected Asset() { }
}
