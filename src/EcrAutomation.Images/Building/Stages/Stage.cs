using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>One <c>FROM</c> block of a Dockerfile: its base, platform and instructions.</summary>
internal sealed class Stage
{
    public required int Index { get; init; }
    public required string? Name { get; init; }
    public required string BaseName { get; init; }
    public required Platform? Platform { get; init; }
    public required DockerfileInstruction From { get; init; }
    public List<DockerfileInstruction> Instructions { get; } = [];
}
