namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>One started container of a pod, as its runtime reports it.</summary>
public interface IPodContainer
{
    /// <summary>The runtime's id of this container instance (shown as <c>containerID</c>, without the runtime prefix).</summary>
    string Id { get; }

    /// <summary>When the process started.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Completes when the process exits, with its exit code; the kubelet restarts it per the pod's restartPolicy.</summary>
    Task<PodContainerExit> Exited { get; }

    /// <summary>Stops the process: SIGTERM, then SIGKILL after <paramref name="grace"/>; completes when it has exited.</summary>
    Task StopAsync(TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="command"/> inside the container (exec probes); a timeout counts as a failure.</summary>
    Task<PodExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken);
}
