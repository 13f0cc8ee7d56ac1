using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>What the local cloud holds for a task while it runs: its sandbox, containers, log streams and registered targets.</summary>
internal sealed class EcsTaskRun(EcsTaskRecord record, EcsServiceRecord service) : IDisposable
{
    public EcsTaskRecord Record { get; } = record;

    public EcsServiceRecord Service { get; } = service;

    /// <summary>Cancelled when the task must stop (scheduler, user, essential container exit, local cloud stop).</summary>
    public CancellationTokenSource Stopping { get; } = new();

    public Sandbox? Sandbox { get; set; }

    public List<RunningContainer> Containers { get; } = [];

    public List<AwsLogsStream> Logs { get; } = [];

    /// <summary>The target groups the task's address is registered in (containerPort per entry).</summary>
    public List<EcsLoadBalancerRecord> Registered { get; } = [];

    /// <summary>The task's whole life, from launch to STOPPED.</summary>
    public Task Lifecycle { get; set; } = Task.CompletedTask;

    public void Dispose() => Stopping.Dispose();
}
