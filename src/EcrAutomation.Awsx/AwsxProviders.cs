using EcrAutomation.Awsx.Images;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx;

/// <summary>Registers the providers the Crosswalk components need besides the <c>aws:*</c> ones (<c>AwsProviders.Register</c>).</summary>
public static class AwsxProviders
{
    /// <summary>
    /// Adds the <c>docker-build:index:Image</c> provider, which builds and pushes the image of an <see cref="Ecr.Image"/>, to
    /// <paramref name="registry"/>, with <paramref name="options"/> (defaults when null).
    /// </summary>
    public static ProviderRegistry Register(ProviderRegistry registry, ImageProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.Add(new ImageProvider(options), BuildImage.TypeToken);
    }
}
