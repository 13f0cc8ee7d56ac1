using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// pulumi-aws's <c>aws.eks.getAddonVersion</c> (<c>aws:eks/getAddonVersion:getAddonVersion</c>): the version of an EKS addon
/// for a Kubernetes version, from DescribeAddonVersions: EKS's default one, or with <c>MostRecent</c> the newest (what
/// pulumi-eks installs for vpc-cni, kube-proxy and coredns).
/// </summary>
public static class GetAddonVersion
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:eks/getAddonVersion:getAddonVersion";

    /// <summary>Looks the version up through <paramref name="connection"/>, or the running program's AWS connection when it is null.</summary>
    /// <exception cref="InvalidOperationException">No version of the addon supports the Kubernetes version, or called outside a program without a connection.</exception>
    public static async Task<GetAddonVersionResult> InvokeAsync(GetAddonVersionArgs args, AwsConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return GetAddonVersionResult.From(await AwsFunctions.InvokeAsync(Token, args.ToMap(), connection ?? AwsConnections.ForProgram()).ConfigureAwait(false));
    }

    /// <summary>The version as an output, from outputs (e.g. the cluster's version), for use in resource inputs.</summary>
    public static Output<GetAddonVersionResult> Invoke(Input<string> addonName, Input<string> kubernetesVersion, bool? mostRecent = null) =>
        Output.Tuple(addonName, kubernetesVersion).Apply(t =>
            InvokeAsync(new GetAddonVersionArgs { AddonName = t.Item1, KubernetesVersion = t.Item2, MostRecent = mostRecent }));

    internal static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var addon = AwsFunctions.Required(args, "addonName", Token);
        var kubernetes = AwsFunctions.Required(args, "kubernetesVersion", Token);
        var mostRecent = args.GetBool("mostRecent") == true;
        var versions = (await connection.Eks.DescribeAddonVersionsAsync(addon, kubernetes, cancellationToken).ConfigureAwait(false))
            .Where(a => a.AddonName == addon)
            .SelectMany(a => a.AddonVersions ?? [])
            .Where(v => (v.Compatibilities ?? []).Any(c => c.ClusterVersion == kubernetes && (mostRecent || c.DefaultVersion)))
            .Select(v => v.AddonVersion)
            .ToList();
        var version = versions.FirstOrDefault()
            ?? throw new InvalidOperationException($"no {(mostRecent ? "" : "default ")}version of the EKS addon '{addon}' supports Kubernetes {kubernetes}; check the addon name and version (aws eks describe-addon-versions --addon-name {addon}).");
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(addon))
            .Set("addonName", PropertyValue.Of(addon))
            .Set("kubernetesVersion", PropertyValue.Of(kubernetes))
            .Set("mostRecent", PropertyValue.Of(mostRecent))
            .Set("version", PropertyValue.Of(version));
    }
}
