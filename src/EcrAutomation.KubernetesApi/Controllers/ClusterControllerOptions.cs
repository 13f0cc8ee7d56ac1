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

    /// <summary>Where a reconcile that fails unexpectedly is reported (it is retried after a pause); nothing by default.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock for timestamps, deadlines and retries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
