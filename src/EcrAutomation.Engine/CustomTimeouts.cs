namespace EcrAutomation;

/// <summary>Per-operation time limits for a resource.</summary>
public sealed record CustomTimeouts
{
    public TimeSpan? Create { get; init; }
    public TimeSpan? Update { get; init; }
    public TimeSpan? Delete { get; init; }
}
