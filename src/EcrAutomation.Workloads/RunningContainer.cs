using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Workloads;

/// <summary>A container started in a <see cref="Sandbox"/>: its identity, its address, and how it ends.</summary>
public sealed class RunningContainer
{
    private readonly ContainerHost _host;
    private readonly Process _runc;
    private readonly string _directory;
    private readonly string? _stopSignal;
    private readonly TaskCompletionSource<ContainerExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _oomCounter;
    private int _execs;
    private volatile bool _stopRequested;

    private RunningContainer(ContainerHost host, string id, string name, IPAddress address, Process runc, string directory, string? stopSignal, DateTimeOffset startedAt)
    {
        _host = host;
        Id = id;
        Name = name;
        Address = address;
        _runc = runc;
        _directory = directory;
        _stopSignal = stopSignal;
        StartedAt = startedAt;
    }

    /// <summary>The runc container id (begins with the host's name prefix), unique on the machine.</summary>
    public string Id { get; }

    /// <summary>The spec's <see cref="ContainerSpec.Name"/>.</summary>
    public string Name { get; }

    /// <summary>The sandbox's address, which the container shares with the sandbox's other containers.</summary>
    public IPAddress Address { get; }

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>
    /// Completes when the process has exited, its output has been read and its runc container, cgroup and root filesystem
    /// are gone, with the exit code and reason. It never faults.
    /// </summary>
    public Task<ContainerExit> Exited => _exited.Task;

    /// <summary>
    /// Stops the container: the image's stop signal (SIGTERM unless the image sets another), then SIGKILL when it has not
    /// exited after <paramref name="grace"/>; returns once <see cref="Exited"/> has completed (reason <c>Stopped</c>).
    /// Stopping an exited container does nothing. Note that a process running as PID 1 ignores SIGTERM unless it handles
    /// it (busybox httpd does not), so such containers take the whole grace period.
    /// </summary>
    /// <param name="grace">How long the process may take to exit after the stop signal.</param>
    /// <param name="cancellationToken">Cancels the grace period (the container is killed at once).</param>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        _stopRequested = true;
        await SignalAsync(_stopSignal ?? "TERM").ConfigureAwait(false);
        try
        {
            await Exited.WaitAsync(grace, _host.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await SignalAsync("KILL").ConfigureAwait(false);
            await Exited.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Runs a command inside the running container, with the container's namespaces, root filesystem, user, environment and
    /// working directory (for exec probes and <c>kubectl exec</c>).
    /// </summary>
    /// <param name="command">The program and its arguments.</param>
    /// <param name="timeout">How long the command may run before it is killed; the result then has <see cref="ExecResult.TimedOut"/> set.</param>
    /// <param name="cancellationToken">Cancels the command (it is killed).</param>
    /// <exception cref="InvalidOperationException">The container is not running.</exception>
    public async Task<ExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Exited.IsCompleted)
        {
            throw new InvalidOperationException($"container {Name} ({Id}) is not running");
        }

        var pidFile = Path.Combine(_directory, $"exec-{Interlocked.Increment(ref _execs)}.pid");
        using var process = Process.Start(RuncStartInfo(["exec", "--pid-file", pidFile, Id, .. command]))
            ?? throw new InvalidOperationException("could not start runc exec");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(timeout, _host.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            timedOut = ex is TimeoutException;
            KillExecProcess(pidFile);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            try
            {
                File.Delete(pidFile);
            }
            catch (DirectoryNotFoundException)
            {
                // The container exited meanwhile and its directory is gone.
            }
        }

        return new ExecResult(timedOut ? -1 : process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), timedOut);
    }

    /// <summary>Starts the container whose bundle (config.json and rootfs) is ready in <paramref name="directory"/>.</summary>
    internal static async Task<RunningContainer> StartAsync(
        ContainerHost host, string id, ContainerSpec spec, IPAddress address, string directory, string? stopSignal, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(directory, "pid");
        var runc = Process.Start(RuncStartInfo(["--log", Path.Combine(directory, "runc.log"), "--log-format", "json", "run", "--keep", "--bundle", directory, "--pid-file", pidFile, id]))
            ?? throw new ContainerStartException("CannotStartContainerError", "could not start runc");
        runc.StandardInput.Close();
        await File.WriteAllTextAsync(Path.Combine(directory, "runc.pid"), runc.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None).ConfigureAwait(false);
        var container = new RunningContainer(host, id, spec.Name, address, runc, directory, stopSignal, host.Time.GetUtcNow());
        var stdout = container.PumpAsync(runc.StandardOutput, "stdout", spec.OnLog);
        var stderr = container.PumpAsync(runc.StandardError, "stderr", spec.OnLog);

        // runc writes the pid file once the container's process runs; it exits without one when the start fails.
        while (!File.Exists(pidFile) && !runc.HasExited)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), host.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await container.SignalAsync("KILL").ConfigureAwait(false);
                await container.FinishAsync(stdout, stderr).ConfigureAwait(false);
                throw;
            }
        }

        if (!File.Exists(pidFile) || !int.TryParse(await File.ReadAllTextAsync(pidFile, CancellationToken.None).ConfigureAwait(false), out _))
        {
            var exit = await container.FinishAsync(stdout, stderr).ConfigureAwait(false);
            throw new ContainerStartException("CannotStartContainerError", $"container {spec.Name}: {exit.Reason}");
        }

        container._oomCounter = Cgroups.OomCounterOf(CgroupsPathOf(id));
        _ = container.FinishAsync(stdout, stderr);
        return container;
    }

    /// <summary>The cgroup of container <paramref name="id"/>, relative to the cgroup of the runc that runs it.</summary>
    internal static string CgroupsPathOf(string id) => $"ecr-automation/{id}";

    private static ProcessStartInfo RuncStartInfo(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("runc")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private async Task PumpAsync(StreamReader reader, string stream, Action<ContainerLogLine>? onLog)
    {
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            try
            {
                onLog?.Invoke(new ContainerLogLine(_host.Time.GetUtcNow(), stream, line));
            }
            catch (Exception ex)
            {
                _host.Logger.LogWarning(ex, "The log handler of container {Container} failed", Id);
            }
        }
    }

    /// <summary>Waits for runc to exit, reads why, removes the container and completes <see cref="Exited"/>.</summary>
    private async Task<ContainerExit> FinishAsync(Task stdout, Task stderr)
    {
        await _runc.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        var code = _runc.ExitCode;
        var oomKilled = Cgroups.OomKills(_oomCounter) > 0;
        var startError = _oomCounter is null ? RuncError() : null;
        _runc.Dispose();
        await HostTool.RunAsync("runc", ["delete", "--force", Id], CancellationToken.None, check: false).ConfigureAwait(false);
        try
        {
            await WritableRootFs.RemoveAsync(_directory).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _host.Logger.LogWarning(ex, "Could not remove the directory of container {Container}", Id);
        }

        var reason = startError ?? (oomKilled ? "OOMKilled" : _stopRequested ? "Stopped" : code == 0 ? "Completed" : "Error");
        var exit = new ContainerExit(code, reason, _host.Time.GetUtcNow());
        _host.Logger.LogInformation("Container {Container} exited with code {ExitCode} ({Reason})", Id, code, reason);
        _exited.TrySetResult(exit);
        return exit;
    }

    /// <summary>The last error runc logged (why a container could not start), or null.</summary>
    private string? RuncError()
    {
        var log = Path.Combine(_directory, "runc.log");
        if (!File.Exists(log))
        {
            return null;
        }

        string? message = null;
        foreach (var line in File.ReadLines(log))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("level", out var level) && level.GetString() is "error" or "fatal"
                    && document.RootElement.TryGetProperty("msg", out var msg))
                {
                    message = msg.GetString();
                }
            }
            catch (JsonException)
            {
                // Not a JSON line (runc prints some errors plainly); keep the last structured one.
            }
        }

        return message;
    }

    private async Task SignalAsync(string signal)
        => await HostTool.RunAsync("runc", ["kill", Id, signal], CancellationToken.None, check: false).ConfigureAwait(false);

    private static void KillExecProcess(string pidFile)
    {
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }
}
