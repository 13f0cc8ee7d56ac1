using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A cluster or node group update (AWS's Update shape); <see cref="NodegroupName"/> ties it to a node group.</summary>
internal sealed class EksUpdateRecord
{
    public required string Id { get; set; }

    public required string Status { get; set; }

    public required string Type { get; set; }

    public required JsonArray Params { get; set; }

    public required double CreatedAt { get; set; }

    public JsonArray Errors { get; set; } = [];

    public string? NodegroupName { get; set; }
}
