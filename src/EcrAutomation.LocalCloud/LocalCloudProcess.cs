using System.Diagnostics;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// Helpers for the CLI's <c>local start|status|stop</c>: find a local cloud running in another process through its
/// state file (<see cref="LocalCloudState"/>), wait for a detached one to come up, and stop it.
/// </summary>
public static class LocalCloudProcess
{
    /// <summary>Returns the state of the instance serving <paramref name="dataDirectory"/>, or null when none answers
    /// (a stale state file is ignored).</summary>
    public static async Task<LocalCloudState?> FindRunningAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var state = LocalCloudState.TryRead(dataDirectory);
        if (state is null || !IsAlive(state.ProcessId))
        {
            return null;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(state.Endpoint, "/_localcloud/health"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? state : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts <paramref name="startInfo"/> (typically <c>ecr-automation local serve ...</c>, given with
    /// <see cref="ProcessStartInfo.ArgumentList"/>) detached and waits until it has written its state file and answers on
    /// its endpoint. Do not redirect the child's output to pipes nobody reads (it outlives the caller); let it inherit the
    /// console or log to a file.
    /// </summary>
    public static async Task<LocalCloudState> StartDetachedAsync(ProcessStartInfo startInfo, string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        var running = await FindRunningAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        if (running is not null)
        {
            throw new InvalidOperationException($"A local cloud is already running for {dataDirectory} at {running.Endpoint}.");
        }

        startInfo.UseShellExecute = false;
        if (OperatingSystem.IsLinux())
        {
            // In its own session (util-linux setsid, which execs in place, so the pid is the server's): a Ctrl+C in the
            // caller's terminal signals the terminal's whole process group, and must reach neither the server nor moto.
            startInfo.ArgumentList.Insert(0, startInfo.FileName);
            startInfo.FileName = "setsid";
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("The local cloud process did not start.");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The local cloud process exited with code {process.ExitCode} before it was ready.");
            }

            var state = await FindRunningAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            if (state is not null && state.ProcessId == process.Id)
            {
                return state;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The local cloud did not become ready within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Asks the instance for <paramref name="dataDirectory"/> to shut down and waits for its process to exit
    /// (killing it after <paramref name="timeout"/>). Returns false when nothing was running.</summary>
    public static async Task<bool> StopAsync(string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var state = await FindRunningAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return false;
        }

        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(state.Endpoint, "/_localcloud/shutdown"));
            request.Headers.Add(LocalCloudServer.AdminKeyHeader, state.AdminKey);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
            }
        }

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (!IsAlive(state.ProcessId) || LocalCloudState.TryRead(dataDirectory)?.AdminKey != state.AdminKey)
            {
                break;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        // Only a detached instance is killed: an in-process server never takes its host process down with it.
        if (state.ProcessId != Environment.ProcessId && IsAlive(state.ProcessId))
        {
            try
            {
                using var process = Process.GetProcessById(state.ProcessId);
                if (watch.Elapsed >= timeout)
                {
                    process.Kill(entireProcessTree: true);
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(timeout);
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                using var process = Process.GetProcessById(state.ProcessId);
                process.Kill(entireProcessTree: true);
            }
        }

        return true;
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
