namespace EcrAutomation.Workloads;

/// <summary>How a container ended.</summary>
/// <param name="ExitCode">
/// The process's exit code; 128 + the signal number when a signal ended it (137 after SIGKILL, 143 after SIGTERM), as
/// Docker, ECS and Kubernetes report it.
/// </param>
/// <param name="Reason">
/// Why it ended, in words an operator reads in <c>describe-tasks</c> or a pod's status: <c>Completed</c>, <c>Error</c>,
/// <c>OOMKilled</c>, <c>Stopped</c> (stopped by the host), or why it could not start.
/// </param>
/// <param name="At">When the exit was observed.</param>
public sealed record ContainerExit(int ExitCode, string Reason, DateTimeOffset At);
