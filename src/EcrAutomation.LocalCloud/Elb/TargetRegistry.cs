using System.Net;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// The targets registered in each target group and their health, checked as the target group's health check says.
/// ECS registers task addresses here; the <c>RegisterTargets</c>, <c>DeregisterTargets</c> and <c>DescribeTargetHealth</c>
/// API calls are answered from it, and the load balancers' front doors route to its healthy targets.
/// </summary>
internal sealed class TargetRegistry : IAsyncDisposable
{
    /// <summary>Adds a target (idempotent); it starts in <c>initial</c> and health checks begin.</summary>
    public void Register(string targetGroupArn, IPAddress ip, int port) => throw new NotImplementedException();

    /// <summary>Starts draining a target: no new requests reach it; completes when the deregistration delay has passed.</summary>
    public Task Deregister(string targetGroupArn, IPAddress ip, int port) => throw new NotImplementedException();

    /// <summary>The target's health now (<see cref="TargetHealth.NotRegistered"/> when it is not in the group).</summary>
    public TargetHealth Health(string targetGroupArn, IPAddress ip, int port) => throw new NotImplementedException();

    /// <summary>Completes when the target is healthy.</summary>
    public Task WaitHealthyAsync(string targetGroupArn, IPAddress ip, int port, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
