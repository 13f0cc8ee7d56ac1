namespace EcrAutomation.Aws.Http;

/// <summary>Polling interval and overall timeout of a waiter.</summary>
public sealed record AwsWaiterOptions
{
    /// <summary>Delay between polls. Default 5 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Overall time budget. Default 10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
