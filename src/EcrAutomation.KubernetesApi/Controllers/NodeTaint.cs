namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>A node taint in Kubernetes' spelling (<see cref="Effect"/> is NoSchedule, PreferNoSchedule or NoExecute).</summary>
/// <param name="Key">The taint key.</param>
/// <param name="Value">The taint value, or null.</param>
/// <param name="Effect">What the taint does to pods that do not tolerate it.</param>
public sealed record NodeTaint(string Key, string? Value, string Effect);
