using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>What <see cref="GetAddonVersion"/> answers (pulumi-aws's <c>GetAddonVersionResult</c> members).</summary>
public sealed record GetAddonVersionResult
{
    /// <summary>The addon name, as the id.</summary>
    public required string Id { get; init; }
    /// <summary>The addon.</summary>
    public required string AddonName { get; init; }
    /// <summary>The Kubernetes version asked for.</summary>
    public required string KubernetesVersion { get; init; }
    /// <summary>Whether the newest version was asked for.</summary>
    public bool MostRecent { get; init; }
    /// <summary>The addon version, e.g. <c>v1.19.5-eksbuild.1</c>: what <see cref="AddonArgs.AddonVersion"/> takes.</summary>
    public required string Version { get; init; }

    internal static GetAddonVersionResult From(PropertyMap map) => new()
    {
        Id = map.GetString("id")!,
        AddonName = map.GetString("addonName")!,
        KubernetesVersion = map.GetString("kubernetesVersion")!,
        MostRecent = map.GetBool("mostRecent") ?? false,
        Version = map.GetString("version")!,
    };
}
