namespace EcrAutomation.Aws.Resources;

/// <summary>Settings of the <c>aws:*</c> providers that are not stack config (they tune the host, not the cloud).</summary>
public sealed record AwsProviderOptions
{
    /// <summary>Time between two polls while waiting for an ECS service to become stable or inactive. <value>Default 5 s.</value></summary>
    public TimeSpan ServicePollInterval { get; init; } = TimeSpan.FromSeconds(5);
}
