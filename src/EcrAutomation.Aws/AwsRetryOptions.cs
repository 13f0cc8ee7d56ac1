namespace EcrAutomation.Aws;

/// <summary>Retry and timeout settings for every AWS call.</summary>
public sealed record AwsRetryOptions
{
    /// <summary>
    /// Total attempts including the first. Default 10 (the fewest that survive a 20% error rate in practice: 0.2^10 per
    /// call); stack config <c>aws:maxRetries</c> (pulumi-aws' name) sets the retries after the first attempt.
    /// </summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Base delay of the jittered exponential backoff. Default 200 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of one backoff delay. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one HTTP attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one call including all retries and delays. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
