using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// What the local cloud keeps of one EKS cluster (<c>eks/&lt;name&gt;/cluster.json</c>): the DescribeCluster shape without
/// the parts that come from the running API server (endpoint, CA), plus its node groups, addons and updates.
/// Member names are AWS's, so the record serializes straight into responses.
/// </summary>
internal sealed class EksClusterRecord
{
    public required string Name { get; set; }

    public required string Arn { get; set; }

    public required string Id { get; set; }

    public required double CreatedAt { get; set; }

    public required string Version { get; set; }

    public required string RoleArn { get; set; }

    public required string Status { get; set; }

    public required JsonObject ResourcesVpcConfig { get; set; }

    public required JsonObject KubernetesNetworkConfig { get; set; }

    public JsonObject? Logging { get; set; }

    public JsonObject? AccessConfig { get; set; }

    public Dictionary<string, string> Tags { get; set; } = [];

    /// <summary>The loopback port of the cluster's API server, kept so the endpoint survives a restart when it is free.</summary>
    public int Port { get; set; }

    public List<EksNodegroupRecord> Nodegroups { get; set; } = [];

    public List<EksAddonRecord> Addons { get; set; } = [];

    public List<EksUpdateRecord> Updates { get; set; } = [];
}
