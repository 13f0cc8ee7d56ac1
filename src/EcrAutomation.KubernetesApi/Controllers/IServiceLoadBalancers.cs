namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Front doors for Services of type LoadBalancer (the host's load balancers, e.g. the local cloud's loopback TCP proxies).
/// The Service controller ensures one whenever the Service or its ready endpoints change and deletes it with the Service.
/// Without it (<see cref="ClusterControllerOptions.ServiceLoadBalancers"/> unset) the Service only gets its host name.
/// </summary>
public interface IServiceLoadBalancers
{
    /// <summary>
    /// Creates or updates the front door of <paramref name="balancer"/> so each port forwards to its current backends
    /// (connections are spread over them; none means connections are refused), and returns the host name to publish in
    /// <c>status.loadBalancer.ingress[0].hostname</c>.
    /// </summary>
    Task<string> EnsureAsync(ServiceLoadBalancer balancer, CancellationToken cancellationToken);

    /// <summary>Removes the front door of the Service (nothing when it has none).</summary>
    Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken);
}
