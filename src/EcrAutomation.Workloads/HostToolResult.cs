namespace EcrAutomation.Workloads;

/// <summary>What a host tool printed and how it exited.</summary>
internal sealed record HostToolResult(int ExitCode, string Stdout, string Stderr);
