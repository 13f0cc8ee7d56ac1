using System.Net;

namespace EcrAutomation.Workloads.Tests;

public sealed class SandboxTests : IAsyncLifetime
{
    private RunnerHarness _runner = null!;

    public async Task InitializeAsync() => _runner = await RunnerHarness.StartAsync();

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [Fact(Timeout = 120_000)]
    public async Task StartContainerAsync_BusyboxHttpd_AnswersOnTheSandboxAddress()
    {
        var digest = await _runner.BuildHttpdAsync("hello from the sandbox\n");
        await using var sandbox = await _runner.Host.CreateSandboxAsync("web-1");

        var container = await sandbox.StartContainerAsync(RunnerHarness.Spec(digest));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await Eventually.GetStringAsync(http, new Uri($"http://{sandbox.Address}:8080/"));
        body.ShouldBe("hello from the sandbox\n");
        container.Address.ShouldBe(sandbox.Address);
        container.Exited.IsCompleted.ShouldBeFalse();
    }
}
