using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A pod container running on the container host, as the kubelet sees it.</summary>
internal sealed class ContainerPodContainer : IPodContainer
{
    private readonly RunningContainer _container;

    public ContainerPodContainer(RunningContainer container)
    {
        _container = container;
        Exited = ExitAsync(container);
    }

    public string Id => _container.Id;

    public DateTimeOffset StartedAt => _container.StartedAt;

    public Task<PodContainerExit> Exited { get; }

    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken) => _container.StopAsync(grace, cancellationToken);

    public async Task<PodExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await _container.ExecAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        return new PodExecResult(result.TimedOut ? -1 : result.ExitCode, result.Stdout + result.Stderr);
    }

    private static async Task<PodContainerExit> ExitAsync(RunningContainer container)
    {
        var exit = await container.Exited.ConfigureAwait(false);
        return new PodContainerExit(exit.ExitCode, exit.Reason, exit.At);
    }
}
