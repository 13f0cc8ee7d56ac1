using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>The fixed facts the local EKS serves: Kubernetes versions, instance types and addon versions.</summary>
internal static class EksCatalog
{
    /// <summary>Kubernetes minor versions a cluster may run, oldest first; kubectl 1.32 supports all within one minor.</summary>
    public static readonly IReadOnlyList<string> Versions = ["1.31", "1.32", "1.33"];

    public const string DefaultVersion = "1.32";

    public const string PlatformVersion = "eks.1";

    /// <summary>The patch release a cluster of a minor version reports (kubectl version, node kubeletVersion).</summary>
    public static string GitVersion(string minor) => minor switch
    {
        "1.31" => "v1.31.7-eks-4dc6c8c",
        "1.32" => "v1.32.3-eks-4dc6c8c",
        _ => "v1.33.1-eks-4dc6c8c",
    };

    /// <summary>vCPUs, memory (MiB) and max pods (the VPC CNI's per-ENI formula) of the instance types node groups may use.</summary>
    public static readonly IReadOnlyDictionary<string, InstanceCapacity> InstanceTypes = new Dictionary<string, InstanceCapacity>(StringComparer.Ordinal)
    {
        ["t3.micro"] = new(2, 1024, 4, "amd64"),
        ["t3.small"] = new(2, 2048, 11, "amd64"),
        ["t3.medium"] = new(2, 4096, 17, "amd64"),
        ["t3.large"] = new(2, 8192, 35, "amd64"),
        ["t3.xlarge"] = new(4, 16384, 58, "amd64"),
        ["t3.2xlarge"] = new(8, 32768, 58, "amd64"),
        ["t4g.medium"] = new(2, 4096, 17, "arm64"),
        ["t4g.large"] = new(2, 8192, 35, "arm64"),
        ["m5.large"] = new(2, 8192, 29, "amd64"),
        ["m5.xlarge"] = new(4, 16384, 58, "amd64"),
        ["m5.2xlarge"] = new(8, 32768, 58, "amd64"),
        ["m6i.large"] = new(2, 8192, 29, "amd64"),
        ["m6g.large"] = new(2, 8192, 29, "arm64"),
        ["c5.large"] = new(2, 4096, 29, "amd64"),
        ["c5.xlarge"] = new(4, 8192, 58, "amd64"),
        ["r5.large"] = new(2, 16384, 29, "amd64"),
    };

    /// <summary>Addons and their versions, newest first; the first compatible one is the default.</summary>
    private static readonly IReadOnlyDictionary<string, (string Type, string[] Versions)> Addons = new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
    {
        ["vpc-cni"] = ("networking", ["v1.19.5-eksbuild.1", "v1.19.2-eksbuild.1"]),
        ["coredns"] = ("networking", ["v1.11.4-eksbuild.2", "v1.11.3-eksbuild.1"]),
        ["kube-proxy"] = ("networking", ["v{0}.3-eksbuild.2", "v{0}.0-eksbuild.3"]),
        ["aws-ebs-csi-driver"] = ("storage", ["v1.41.0-eksbuild.1", "v1.40.1-eksbuild.1"]),
        ["eks-pod-identity-agent"] = ("security", ["v1.3.5-eksbuild.2", "v1.3.4-eksbuild.1"]),
    };

    public static bool IsAddon(string name) => Addons.ContainsKey(name);

    /// <summary>The versions of an addon for a cluster version, newest (default) first.</summary>
    public static IReadOnlyList<string> AddonVersions(string addon, string clusterVersion)
        => [.. Addons[addon].Versions.Select(v => string.Format(System.Globalization.CultureInfo.InvariantCulture, v, clusterVersion))];

    /// <summary>DescribeAddonVersions' <c>addons</c>, filtered by name and cluster version when given.</summary>
    public static JsonArray DescribeAddonVersions(string? addonName, string? kubernetesVersion)
    {
        var result = new JsonArray();
        foreach (var (name, (type, _)) in Addons.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (addonName is not null && addonName != name)
            {
                continue;
            }

            var versions = new JsonArray();
            var byVersion = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
            foreach (var clusterVersion in Versions.Where(v => kubernetesVersion is null || v == kubernetesVersion))
            {
                var compatible = AddonVersions(name, clusterVersion);
                for (var i = 0; i < compatible.Count; i++)
                {
                    if (!byVersion.TryGetValue(compatible[i], out var compatibilities))
                    {
                        compatibilities = [];
                        byVersion[compatible[i]] = compatibilities;
                        versions.Add(new JsonObject
                        {
                            ["addonVersion"] = compatible[i],
                            ["architecture"] = new JsonArray("amd64", "arm64"),
                            ["computeTypes"] = new JsonArray("ec2"),
                            ["compatibilities"] = compatibilities,
                            ["requiresConfiguration"] = false,
                            ["requiresIamPermissions"] = name is "vpc-cni" or "aws-ebs-csi-driver",
                        });
                    }

                    compatibilities.Add(new JsonObject
                    {
                        ["clusterVersion"] = clusterVersion,
                        ["platformVersions"] = new JsonArray("*"),
                        ["defaultVersion"] = i == 0,
                    });
                }
            }

            if (versions.Count > 0)
            {
                result.Add(new JsonObject
                {
                    ["addonName"] = name,
                    ["type"] = type,
                    ["addonVersions"] = versions,
                    ["publisher"] = "eks",
                    ["owner"] = "aws",
                    ["defaultNamespace"] = "kube-system",
                });
            }
        }

        return result;
    }
}
