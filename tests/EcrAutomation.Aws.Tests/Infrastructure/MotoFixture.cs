using System.Diagnostics;

namespace EcrAutomation.Aws.Tests.Infrastructure;

/// <summary>Starts <c>moto_server</c> on 127.0.0.1 and a free port once per test collection; kills it on dispose.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private Process? _process;

    public Uri Endpoint { get; private set; } = null!;

    public AwsConnection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = TestEnvironment.FreePort();
        var start = new ProcessStartInfo("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_ACCESS_KEY_ID"] = TestEnvironment.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = TestEnvironment.SecretKey;
        start.Environment["AWS_DEFAULT_REGION"] = TestEnvironment.Region;
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                "moto_server is not installed or not on PATH (it ships with the machine's Python: pip package moto[server]). These tests need it.", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
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
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/data.json"));
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"moto_server did not answer on {Endpoint} within 30 s.");
            }

            await Task.Delay(100);
        }

        Connection = TestEnvironment.Connect(Endpoint, TestEnvironment.QuickRetry with { MaxAttempts = 2 });
    }

    public Task DisposeAsync()
    {
        Connection?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
