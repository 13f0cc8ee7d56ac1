using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>
/// A <c>moto_server</c> child process on a private loopback port, started with
/// <c>MOTO_IAM_LOAD_MANAGED_POLICIES=true</c> and <c>MOTO_ACCOUNT_ID</c> set to the local cloud's account.
/// A failed start is retried on a fresh port (moto can fail under load); once it answers, the <see cref="MotoJournal"/>
/// is replayed into it, so its state survives restarts of the local cloud.
/// </summary>
internal sealed class MotoServer : IAsyncDisposable
{
    public const string InstallHint = "pip install 'moto[server]'";

    /// <summary>How many times a start is tried before moto is reported unavailable.</summary>
    public const int StartAttempts = 3;

    /// <summary>Environment variable marking a moto as the child of the local cloud serving that data directory.</summary>
    private const string DataDirectoryMarker = "ECR_AUTOMATION_LOCAL_CLOUD_DATA";

    private const int StderrLinesKept = 20;

    private readonly string? _executable;
    private readonly string _accountId;
    private readonly string _dataDirectory;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private Process? _process;

    private MotoServer(string? executable, string accountId, string dataDirectory, MotoJournal? journal, ILogger logger)
    {
        _executable = executable;
        _accountId = accountId;
        _dataDirectory = dataDirectory;
        Journal = journal;
        _logger = logger;
    }

    /// <summary>The moto base address once it answers and the journal is replayed, or null when it could not start
    /// (see <see cref="FailureReason"/>).</summary>
    public Task<Uri?> Ready { get; private set; } = Task.FromResult<Uri?>(null);

    public string? FailureReason { get; private set; }

    /// <summary>The journal to record into, or null when moto is not running.</summary>
    public MotoJournal? Journal { get; }

    public static MotoServer Disabled() => new(null, string.Empty, string.Empty, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
        FailureReason = "moto forwarding is disabled for this local cloud (StartMoto = false); ECR is served locally",
    };

    public static MotoServer Start(string executable, string accountId, string dataDirectory, ILogger logger)
    {
        var path = Resolve(executable);
        if (path is null)
        {
            return new MotoServer(null, accountId, dataDirectory, null, logger)
            {
                FailureReason = $"moto_server was not found on PATH, so only ECR is available in the local cloud; install it with: {InstallHint}",
            };
        }

        var server = new MotoServer(path, accountId, dataDirectory, new MotoJournal(Path.Combine(dataDirectory, MotoJournal.FileName)), logger);
        server.Ready = server.StartAsync();
        return server;
    }

    private async Task<Uri?> StartAsync()
    {
        var cancellationToken = _disposing.Token;
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            var stderr = new ConcurrentQueue<string>();
            var port = FreePort();
            try
            {
                _process = Launch(port, stderr);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                FailureReason = $"moto_server could not be started ({ex.Message}); install it with: {InstallHint}";
                return null;
            }

            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            var failure = await WaitReadyAsync(_process, baseUri, cancellationToken).ConfigureAwait(false)
                ?? await ReplayAsync(baseUri, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return baseUri;
            }

            await StopProcessAsync().ConfigureAwait(false);
            var report = stderr.IsEmpty ? failure : $"{failure}; its last output:{Environment.NewLine}{string.Join(Environment.NewLine, stderr)}";
            if (attempt == StartAttempts)
            {
                FailureReason = $"moto_server failed to start {StartAttempts} times (last on port {port}): {report}";
                _logger.LogError("{Reason}", FailureReason);
                return null;
            }

            _logger.LogWarning("moto_server start attempt {Attempt} of {Attempts} failed, retrying on a fresh port: {Report}", attempt, StartAttempts, report);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        FailureReason = "the local cloud stopped while moto_server was starting";
        return null;
    }

    private Process Launch(int port, ConcurrentQueue<string> stderr)
    {
        var startInfo = new ProcessStartInfo(_executable!)
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
        startInfo.Environment["MOTO_ACCOUNT_ID"] = _accountId;
        startInfo.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        startInfo.Environment[DataDirectoryMarker] = _dataDirectory;

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned null");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (Log(e.Data))
            {
                stderr.Enqueue(e.Data!);
                while (stderr.Count > StderrLinesKept && stderr.TryDequeue(out string? _))
                {
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private bool Log(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return false;
        }

        _logger.LogDebug("moto: {Line}", line);
        return true;
    }

    /// <summary>Null once moto answers, else why not.</summary>
    private static async Task<string?> WaitReadyAsync(Process process, Uri baseUri, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return "stopped";
            }

            if (process.HasExited)
            {
                // Let the output readers drain, so the report shows why.
                await process.WaitForExitAsync().ConfigureAwait(false);
                return $"moto_server exited with code {process.ExitCode} during start (check it runs with: moto_server -H 127.0.0.1 -p 5000; install: {InstallHint})";
            }

            try
            {
                using var response = await client.GetAsync(new Uri(baseUri, "/moto-api/data.json")).ConfigureAwait(false);
                return null;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return "moto_server did not answer within 60 seconds";
    }

    /// <summary>Replays the journal into a fresh moto; null when done, else why it failed.</summary>
    private async Task<string?> ReplayAsync(Uri baseUri, CancellationToken cancellationToken)
    {
        var requests = Journal!.Read();
        using var client = CreateClient();
        try
        {
            foreach (var request in requests)
            {
                using var response = await SendSeededAsync(client, baseUri, request, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode != request.Status)
                {
                    _logger.LogWarning("Replaying {Method} {Path} into moto answered {Status}, not {Recorded} as recorded", request.Method, request.PathAndQuery, (int)response.StatusCode, request.Status);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"replaying the {requests.Count} recorded moto requests failed ({ex.Message})";
        }

        if (requests.Count > 0)
        {
            _logger.LogInformation("Replayed {Count} recorded requests into moto", requests.Count);
        }

        return null;
    }

    /// <summary>An HTTP client for moto: no proxy, no cookies, no redirects or decompression (the proxy passes them through).</summary>
    internal static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    /// <summary>Seeds moto's random generator with the request's seed, then sends the request (the caller serialises).</summary>
    internal static async Task<HttpResponseMessage> SendSeededAsync(HttpClient client, Uri baseUri, MotoRequest request, CancellationToken cancellationToken)
    {
        using (var seeded = await client.PostAsync(new Uri(baseUri, $"/moto-api/seed?a={request.Seed}"), null, cancellationToken).ConfigureAwait(false))
        {
            seeded.EnsureSuccessStatusCode();
        }

        using var message = request.ToMessage(baseUri);
        return await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills the moto children a crashed local cloud left for <paramref name="dataDirectory"/>, found by the marker in
    /// their environment (so a reused pid or another data directory's moto is never touched).
    /// </summary>
    internal static void KillOrphans(string dataDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var marker = $"{DataDirectoryMarker}={dataDirectory}\0";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "environ")).Contains(marker, StringComparison.Ordinal))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile, or not ours to read.
            }
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

    private async Task StopProcessAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            _logger.LogWarning("moto_server did not stop cleanly: {Message}", ex.Message);
        }
        finally
        {
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A start still in progress would otherwise launch a moto nobody stops.
        await _disposing.CancelAsync().ConfigureAwait(false);
        await Ready.ConfigureAwait(false);
        await StopProcessAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }
}
