using System.Diagnostics;
using System.Globalization;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary><c>moto_server</c> on 127.0.0.1 and a free port with the fake AWS environment; Dispose kills it.</summary>
public sealed class MotoServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private MotoServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// Starts moto_server (with IAM's managed policies loaded) and waits until <c>/moto-api/data.json</c> answers;
    /// fails loudly when moto_server is not installed.
    /// </summary>
    public static async Task<MotoServerProcess> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = ExternalTool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        var port = FreePort.Next();
        var process = BackgroundProcess.Start(
            executable,
            ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true" });
        var moto = new MotoServerProcess(process, port);
        try
        {
            await moto.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return moto;
        }
        catch
        {
            moto.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => BackgroundProcess.Stop(_process);

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/data.json"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow start
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within {StartTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
