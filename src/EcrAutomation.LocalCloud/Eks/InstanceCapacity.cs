namespace EcrAutomation.LocalCloud.Eks;

/// <summary>What a node of an instance type offers: vCPUs, memory in MiB, the pod limit and the CPU architecture.</summary>
internal sealed record InstanceCapacity(int Cpu, int MemoryMiB, int MaxPods, string Architecture);
