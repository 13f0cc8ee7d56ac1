namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>How a container's process ended.</summary>
/// <param name="ExitCode">The exit code (128 + the signal number when a signal killed it, e.g. 137 for SIGKILL).</param>
/// <param name="Reason">The runtime's short reason (e.g. <c>Completed</c>, <c>Error</c>, <c>OOMKilled</c>), shown in the container's terminated state.</param>
/// <param name="At">When it ended.</param>
public sealed record PodContainerExit(int ExitCode, string Reason, DateTimeOffset At);
