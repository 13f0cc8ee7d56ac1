namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>Timing of the provider's waits (tests shorten them).</summary>
internal sealed record KubernetesProviderOptions
{
    /// <summary>How often an object is read again while waiting for it to become ready or to go away.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a Service's Endpoints must stay unchanged to count as settled (pulumi-kubernetes: 10 s).</summary>
    public TimeSpan EndpointsSettleTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for deadlines and waits.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
