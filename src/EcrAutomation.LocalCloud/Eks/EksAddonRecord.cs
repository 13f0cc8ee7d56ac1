using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>One installed addon, in AWS's Addon shape.</summary>
internal sealed class EksAddonRecord
{
    public required string AddonName { get; set; }

    public required string ClusterName { get; set; }

    public required string Status { get; set; }

    public required string AddonVersion { get; set; }

    public required string AddonArn { get; set; }

    public required double CreatedAt { get; set; }

    public required double ModifiedAt { get; set; }

    public string? ServiceAccountRoleArn { get; set; }

    public string? ConfigurationValues { get; set; }

    public JsonObject Health { get; set; } = new() { ["issues"] = new JsonArray() };

    public Dictionary<string, string> Tags { get; set; } = [];
}
