using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// Runs a cluster's pods on the local cloud's <see cref="ContainerHost"/>: one sandbox (network namespace, veth, its own
/// address from the host's pool) per pod, named after the pod so its containers see the pod name as their host name, and
/// one container per pod container, from the local registry by the digest the image resolved to.
/// </summary>
internal sealed class ContainerPodRuntime(ContainerHost host) : IPodRuntime
{
    public async Task<IPodSandbox> CreateSandboxAsync(PodSandboxRequest request, CancellationToken cancellationToken)
        => new ContainerPodSandbox(await host.CreateSandboxAsync(request.Name, cancellationToken).ConfigureAwait(false));
}
