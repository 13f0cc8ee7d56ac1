namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>What a LoadBalancer Service's front door should do: its host name and, per Service port, the ready backends.</summary>
/// <param name="Namespace">The Service's namespace.</param>
/// <param name="Name">The Service's name.</param>
/// <param name="Hostname">The host name the controller proposes (in the form of AWS's classic load balancers).</param>
/// <param name="Ports">One entry per Service port.</param>
public sealed record ServiceLoadBalancer(string Namespace, string Name, string Hostname, IReadOnlyList<ServiceLoadBalancerPort> Ports);
