namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>Which pod a sandbox is for; runtimes use it to name what they create (so leftovers can be traced to a pod).</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid: unique over the cluster's life, unlike its name.</param>
public sealed record PodSandboxRequest(string Namespace, string Name, string Uid);
