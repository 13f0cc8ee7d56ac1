namespace EcrAutomation;

/// <summary>Per-operation time limits for a resource.</summary>
public sealed record CustomTimeouts
{
    /// <summary>How long a create may take; null: no limit beyond the provider's.</summary>
    public TimeSpan? Create { get; init; }
    /// <summary>How long an update may take; null: no limit beyond the provider's.</summary>
    public TimeSpan? Update { get; init; }
    /// <summary>How long a delete may take; null: no limit beyond the provider's.</summary>
    public TimeSpan? Delete { get; init; }
}
