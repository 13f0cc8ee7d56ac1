namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Runs pods' containers for the cluster's kubelet (the host's container runner, e.g. the local cloud's). When a pod is
/// scheduled and its images resolve, the kubelet asks for one sandbox per pod (its network namespace and IP) and starts
/// each container in it; it restarts exited containers, runs probes and stops the sandbox when the pod goes. Without a
/// runtime (<see cref="ClusterControllerOptions.PodRuntime"/> unset) pods are Running and Ready without processes.
/// </summary>
public interface IPodRuntime
{
    /// <summary>Creates the sandbox of one pod: its own network (an address reachable from the host) that its containers share.</summary>
    /// <exception cref="Exception">Any failure is shown on the pod (its containers wait with <c>CreateContainerError</c>) and retried.</exception>
    Task<IPodSandbox> CreateSandboxAsync(PodSandboxRequest request, CancellationToken cancellationToken);
}
