using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>One managed node group, in AWS's Nodegroup shape.</summary>
internal sealed class EksNodegroupRecord
{
    public required string NodegroupName { get; set; }

    public required string NodegroupArn { get; set; }

    public required string ClusterName { get; set; }

    public required string Version { get; set; }

    public required string ReleaseVersion { get; set; }

    public required double CreatedAt { get; set; }

    public required double ModifiedAt { get; set; }

    public required string Status { get; set; }

    public string CapacityType { get; set; } = "ON_DEMAND";

    public required EksScalingConfig ScalingConfig { get; set; }

    public required List<string> InstanceTypes { get; set; }

    public required List<string> Subnets { get; set; }

    public required string AmiType { get; set; }

    public required string NodeRole { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public List<EksTaint> Taints { get; set; } = [];

    public int DiskSize { get; set; } = 20;

    public JsonObject Health { get; set; } = new() { ["issues"] = new JsonArray() };

    public JsonObject UpdateConfig { get; set; } = new() { ["maxUnavailable"] = 1 };

    public required JsonObject Resources { get; set; }

    public Dictionary<string, string> Tags { get; set; } = [];
}
