namespace EcrAutomation.Workloads;

/// <summary>The outcome of a command run inside a running container (exec probes, <c>kubectl exec</c>).</summary>
/// <param name="ExitCode">The command's exit code; -1 when it did not finish before the timeout (it is killed then).</param>
/// <param name="Stdout">What the command wrote to stdout.</param>
/// <param name="Stderr">What the command wrote to stderr.</param>
/// <param name="TimedOut">Whether the timeout ended the command.</param>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr, bool TimedOut);
