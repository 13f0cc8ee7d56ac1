namespace EcrAutomation.Workloads;

/// <summary>The cgroup limits a container gets: those the spec asks for that the machine's cgroups can enforce.</summary>
internal sealed record RuntimeLimits(long? MemoryBytes, double? Cpus);
