namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>One container of an <see cref="EcsTaskRecord"/>, as <c>DescribeTasks</c> reports it.</summary>
internal sealed class EcsContainerRecord
{
    public required string Name { get; init; }

    public required string ContainerArn { get; init; }

    public required string Image { get; init; }

    public bool Essential { get; init; } = true;

    public string? ImageDigest { get; set; }

    public string? RuntimeId { get; set; }

    public string LastStatus { get; set; } = "PENDING";

    public int? ExitCode { get; set; }

    public string? Reason { get; set; }
}
