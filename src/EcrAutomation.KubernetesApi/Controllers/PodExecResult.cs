namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>The outcome of a command run inside a container (an exec probe succeeds on exit code 0).</summary>
/// <param name="ExitCode">The command's exit code (non-zero also when it timed out or could not start).</param>
/// <param name="Output">What it wrote (stdout then stderr), shown in probe failure messages.</param>
public sealed record PodExecResult(int ExitCode, string Output);
