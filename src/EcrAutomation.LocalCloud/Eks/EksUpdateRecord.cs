using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A cluster, node group or addon update (AWS's Update shape); <see cref="NodegroupName"/> or <see cref="AddonName"/> ties it to a node group or addon.</summary>
internal sealed class EksUpdateRecord
{
    public required string Id { get; set; }

    public required string Status { get; set; }

    public required string Type { get; set; }

    public required JsonArray Params { get; set; }

    public required double CreatedAt { get; set; }

    public JsonArray Errors { get; set; } = [];

    public string? NodegroupName { get; set; }

    public string? AddonName { get; set; }
}
