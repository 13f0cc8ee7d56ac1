using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using EcrAutomation.KubernetesApi.Controllers;

namespace EcrAutomation.KubernetesApi.Tests.Controllers;

/// <summary>
/// A pod runtime for the kubelet's tests that runs each container's command and args as a real host process (the image is
/// not used, so pods must say what to run) and gives each pod its own loopback address (127.77.x.y), where its servers
/// listen. The local cloud's runtime (real containers in network namespaces) is tested in LocalCloud.Tests.
/// </summary>
public sealed class HostProcessPodRuntime : IPodRuntime
{
    private static int _next;
    private readonly ConcurrentDictionary<int, Process> _processes = new();

    /// <summary>Processes still alive (none should be once their pods are gone).</summary>
    public IReadOnlyList<int> LiveProcessIds => [.. _processes.Where(p => !p.Value.HasExited).Select(p => p.Key)];

    public Task<IPodSandbox> CreateSandboxAsync(PodSandboxRequest request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _next) + (Environment.ProcessId % 200) * 250;
        var address = IPAddress.Parse($"127.77.{n / 250 % 250 + 1}.{n % 250 + 1}");
        return Task.FromResult<IPodSandbox>(new Sandbox(this, address));
    }

    private sealed class Sandbox(HostProcessPodRuntime runtime, IPAddress address) : IPodSandbox
    {
        private readonly List<Container> _containers = [];

        public IPAddress Address { get; } = address;

        public Task<IPodContainer> StartContainerAsync(PodContainerSpec spec, CancellationToken cancellationToken)
        {
            var argv = (spec.Command ?? []).Concat(spec.Args ?? []).ToList();
            if (argv.Count == 0)
            {
                throw new InvalidOperationException("no command specified");
            }

            var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in argv.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in spec.Environment)
            {
                start.Environment[name] = value;
            }

            if (spec.WorkingDirectory is not null)
            {
                start.WorkingDirectory = spec.WorkingDirectory;
            }

            var process = Process.Start(start)!;
            runtime._processes[process.Id] = process;
            var container = new Container(process, spec, start.Environment);
            lock (_containers)
            {
                _containers.Add(container);
            }

            return Task.FromResult<IPodContainer>(container);
        }

        public async ValueTask DisposeAsync()
        {
            List<Container> containers;
            lock (_containers)
            {
                containers = [.. _containers];
            }

            await Task.WhenAll(containers.Select(c => c.StopAsync(TimeSpan.FromSeconds(2), CancellationToken.None)));
        }
    }

    private sealed class Container : IPodContainer
    {
        private readonly Process _process;
        private readonly IDictionary<string, string?> _environment;

        public Container(Process process, PodContainerSpec spec, IDictionary<string, string?> environment)
        {
            _process = process;
            _environment = environment;
            Id = $"host-{process.Id}";
            StartedAt = DateTimeOffset.UtcNow;
            var stdout = PumpAsync(process.StandardOutput, "stdout", spec.OnLog);
            var stderr = PumpAsync(process.StandardError, "stderr", spec.OnLog);
            Exited = WaitAsync(stdout, stderr);
        }

        public string Id { get; }

        public DateTimeOffset StartedAt { get; }

        public Task<PodContainerExit> Exited { get; }

        private async Task<PodContainerExit> WaitAsync(Task stdout, Task stderr)
        {
            await _process.WaitForExitAsync();
            await Task.WhenAll(stdout, stderr);
            return new PodContainerExit(_process.ExitCode, _process.ExitCode == 0 ? "Completed" : "Error", DateTimeOffset.UtcNow);
        }

        private static async Task PumpAsync(StreamReader reader, string stream, Action<PodLogLine>? onLog)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                onLog?.Invoke(new PodLogLine(DateTimeOffset.UtcNow, stream, line));
            }
        }

        public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
        {
            if (!_process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync(cancellationToken);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(grace);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                }
            }

            await Exited;
        }

        public async Task<PodExecResult> ExecAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in command.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var (name, value) in _environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(limit.Token);
                var error = process.StandardError.ReadToEndAsync(limit.Token);
                await process.WaitForExitAsync(limit.Token);
                return new PodExecResult(process.ExitCode, await output + await error);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                return new PodExecResult(-1, "timed out");
            }
        }
    }
}
