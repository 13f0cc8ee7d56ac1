using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>What the controllers need from the cluster's host.</summary>
public sealed record ClusterControllerOptions
{
    /// <summary>
    /// Decides whether a container image can be pulled (required). A pod runs and becomes Ready only when every container's
    /// image resolves; otherwise it stays Pending with ErrImagePull, then ImagePullBackOff, and is retried.
    /// </summary>
    public required Func<string, CancellationToken, ValueTask<ImageResolution>> ResolveImageAsync { get; init; }

    /// <summary>The AWS region, used in load balancer host names and node names.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The version nodes report as <c>kubeletVersion</c>, e.g. <c>v1.32.3-eks-4dc6c8c</c>.</summary>
    public string KubeletVersion { get; init; } = "v1.32.3-eks-4dc6c8c";

    /// <summary>How long after a failed pull the image is tried again (kubelet backs off similarly).</summary>
    public TimeSpan ImagePullRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs pods' containers (the host's container runner). Unset, pods whose images resolve are Running and Ready at once
    /// without any process; set, they run for real: container statuses, probes, restarts and logs come from the runtime.
    /// </summary>
    public IPodRuntime? PodRuntime { get; init; }

    /// <summary>Front doors for LoadBalancer Services; unset, such a Service only gets its ingress host name.</summary>
    public IServiceLoadBalancers? ServiceLoadBalancers { get; init; }

    /// <summary>The first CrashLoopBackOff delay before restarting a container that exited again; it doubles up to <see cref="CrashLoopBackOffMax"/>. Default 10 s (kubelet's).</summary>
    public TimeSpan CrashLoopBackOffInitial { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest CrashLoopBackOff delay. Default 5 minutes (kubelet's).</summary>
    public TimeSpan CrashLoopBackOffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest grace period a container gets when the controllers stop (local cloud stop, cluster delete), whatever the pod asks.</summary>
    public TimeSpan ShutdownGracePeriodMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where a reconcile that fails unexpectedly is reported (it is retried after a pause); nothing by default.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock for timestamps, deadlines and retries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
