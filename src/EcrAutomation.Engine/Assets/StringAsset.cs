using System.Text;
using EcrAutomation.Providers;

namespace EcrAutomation.Assets;

/// <summary>An asset whose content is the given text (UTF-8), like Pulumi's <c>StringAsset</c>.</summary>
/// <param name="text">The content.</param>
public sealed class StringAsset(string text) : Asset
{
    /// <summary>The content.</summary>
    public string Text { get; } = text;

    internal override PropertyValue ToPropertyValue() =>
        PropertyValue.Asset(new AssetValue(Sha256(Encoding.UTF8.GetBytes(Text)), Text: Text));
}
