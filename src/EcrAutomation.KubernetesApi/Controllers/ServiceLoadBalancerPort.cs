using System.Net;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>One port of a LoadBalancer Service: what clients connect to and the ready pods' addresses behind it.</summary>
/// <param name="Name">The Service port's name, or null.</param>
/// <param name="Port">The Service port (the load balancer's listener port on AWS).</param>
/// <param name="Protocol"><c>TCP</c> (other protocols are recorded, not proxied).</param>
/// <param name="Backends">Ready pod IPs with the resolved target port, in a stable order.</param>
public sealed record ServiceLoadBalancerPort(string? Name, int Port, string Protocol, IReadOnlyList<IPEndPoint> Backends);
