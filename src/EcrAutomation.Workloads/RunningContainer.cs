using System.Net;

namespace EcrAutomation.Workloads;

/// <summary>A container started in a <see cref="Sandbox"/>: its identity, its address, and how it ends.</summary>
public sealed class RunningContainer
{
    private RunningContainer()
    {
    }

    /// <summary>The runc container id (begins with the host's name prefix), unique on the machine.</summary>
    public string Id => throw new NotImplementedException();

    /// <summary>The spec's <see cref="ContainerSpec.Name"/>.</summary>
    public string Name => throw new NotImplementedException();

    /// <summary>The sandbox's address, which the container shares with the sandbox's other containers.</summary>
    public IPAddress Address => throw new NotImplementedException();

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt => throw new NotImplementedException();

    /// <summary>Completes when the process has exited and its output has been read, with the exit code and reason.</summary>
    public Task<ContainerExit> Exited => throw new NotImplementedException();

    /// <summary>
    /// Stops the container: SIGTERM, then SIGKILL when it has not exited after <paramref name="grace"/>; returns once it has
    /// exited and its runc container is deleted. Stopping an exited container only deletes it.
    /// </summary>
    /// <param name="grace">How long the process may take to exit after SIGTERM.</param>
    /// <param name="cancellationToken">Cancels waiting (the container is killed at once).</param>
    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Runs a command inside the running container (same namespaces, root filesystem, user and environment).</summary>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="timeout">How long the command may run before it is killed.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
