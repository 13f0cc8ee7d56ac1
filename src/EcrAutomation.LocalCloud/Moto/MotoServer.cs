using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>
/// A <c>moto_server</c> child process on a private loopback port, started with
/// <c>MOTO_IAM_LOAD_MANAGED_POLICIES=true</c> and <c>MOTO_ACCOUNT_ID</c> set to the local cloud's account.
/// Its state lives in memory only and is lost when the local cloud stops.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    public const string InstallHint = "pip install 'moto[server]'";

    private readonly Process? _process;
    private readonly ILogger _logger;

    private readonly System.Runtime.CompilerServices.StrongBox<string?> _failure;

    private MotoServer(Process? process, Task<Uri?> ready, ILogger logger, System.Runtime.CompilerServices.StrongBox<string?>? failure = null)
    {
        _process = process;
        Ready = ready;
        _logger = logger;
        _failure = failure ?? new();
    }

    /// <summary>The moto base address once it answers, or null when it could not start (see <see cref="FailureReason"/>).</summary>
    public Task<Uri?> Ready { get; }

    public string? FailureReason
    {
        get => _failure.Value;
        private init => _failure.Value = value;
    }

    public int? ProcessId => _process?.Id;

    public static MotoServer Disabled()
        => new(null, Task.FromResult<Uri?>(null), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
        {
            FailureReason = "moto forwarding is disabled for this local cloud (StartMoto = false); ECR is served locally",
        };

    public static MotoServer Start(string executable, string accountId, ILogger logger)
    {
        var path = Resolve(executable);
        if (path is null)
        {
            return new MotoServer(null, Task.FromResult<Uri?>(null), logger)
            {
                FailureReason = $"moto_server was not found on PATH, so only ECR is available in the local cloud; install it with: {InstallHint}",
            };
        }

        var port = FreePort();
        var startInfo = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("-H");
        startInfo.ArgumentList.Add("127.0.0.1");
        startInfo.ArgumentList.Add("-p");
        startInfo.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        startInfo.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        // moto counts a new ECS service's running tasks from this (default 0), so services would never become steady.
        startInfo.Environment["MOTO_ECS_SERVICE_RUNNING"] = "1";
        startInfo.Environment["MOTO_ACCOUNT_ID"] = accountId;
        startInfo.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new MotoServer(null, Task.FromResult<Uri?>(null), logger)
            {
                FailureReason = $"moto_server could not be started ({ex.Message}); install it with: {InstallHint}",
            };
        }

        process.OutputDataReceived += (_, e) => Log(logger, e.Data);
        process.ErrorDataReceived += (_, e) => Log(logger, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var failure = new System.Runtime.CompilerServices.StrongBox<string?>();
        var ready = WaitReadyAsync(process, baseUri, reason => failure.Value = reason);
        return new MotoServer(process, ready, logger, failure);
    }

    private static void Log(ILogger logger, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            logger.LogDebug("moto: {Line}", line);
        }
    }

    private static async Task<Uri?> WaitReadyAsync(Process process, Uri baseUri, Action<string> fail)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                fail($"moto_server exited with code {process.ExitCode} during start; check it runs with: moto_server -H 127.0.0.1 -p 5000 (install: {InstallHint})");
                return null;
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseUri, "/moto-api/data.json")).ConfigureAwait(false);
                return baseUri;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        fail("moto_server did not answer within 60 seconds");
        return null;
    }

    /// <summary>Kills a moto_server left behind by a crashed instance (checked by command line, so a reused pid is safe).</summary>
    internal static void KillOrphan(int? processId)
    {
        if (processId is not int pid || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            if (commandLine.Contains("moto_server", StringComparison.Ordinal))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // Already gone or not ours.
        }
    }

    internal static string? Resolve(string executable)
    {
        if (Path.IsPathRooted(executable))
        {
            return File.Exists(executable) ? executable : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            _logger.LogWarning("moto_server did not stop cleanly: {Message}", ex.Message);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
