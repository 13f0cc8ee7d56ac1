using System.Diagnostics;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Workloads.Tests;

/// <summary>A host killed with SIGKILL leaves its containers running; the next host on its state directory removes them.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private RunnerHarness _runner = null!;

    public async Task InitializeAsync() => _runner = await RunnerHarness.StartAsync();

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact(Timeout = 180_000)]
    public async Task StartAsync_AfterTheLastHostWasKilled_RemovesItsContainersProcessesNamespacesAndVeths()
    {
        var page = $"still here {Guid.NewGuid():N}\n";
        var digest = await _runner.BuildHttpdAsync(page);
        var crashedState = Path.Combine(_runner.Root, "crashed-state");
        var crashedPrefix = "k" + Guid.NewGuid().ToString("N")[..6];
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "EcrAutomation.Testing"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "run-container", crashedState, crashedPrefix, _runner.LayoutDirectory, digest },
        };
        using var child = Process.Start(start)!;
        var ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (ready is null)
        {
            throw new InvalidOperationException("the child host exited before its container ran: " + await child.StandardError.ReadToEndAsync());
        }

        var address = ready.Split(' ')[1];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        (await Eventually.GetStringAsync(http, new Uri($"http://{address}:8080/"))).ShouldBe(page);

        child.Kill();
        await child.WaitForExitAsync();
        var left = ContainerHygiene.Find(crashedPrefix, crashedState);
        left.ShouldContain(l => l.StartsWith("runc container", StringComparison.Ordinal));
        left.ShouldContain(l => l.StartsWith("process", StringComparison.Ordinal));
        left.ShouldContain(l => l.StartsWith("netns", StringComparison.Ordinal));
        left.ShouldContain(l => l.StartsWith("veth", StringComparison.Ordinal));
        left.ShouldContain(l => l.StartsWith("mount", StringComparison.Ordinal));

        await using (var next = await ContainerHost.StartAsync(_runner.Options with { StateDirectory = crashedState, NamePrefix = crashedPrefix }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance))
        {
            ContainerHygiene.Find(crashedPrefix, crashedState).ShouldBeEmpty();
            // Other tests may already run a sandbox on the freed address, but not this container.
            string? answer = null;
            try
            {
                answer = await http.GetStringAsync($"http://{address}:8080/");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            answer.ShouldNotBe(page);
        }

        ContainerHygiene.Find(crashedPrefix, crashedState).ShouldBeEmpty();
    }
}
