using System.Net.Sockets;

namespace EcrAutomation.Workloads.Tests;

/// <summary>Sandboxes: a network namespace and address per sandbox, shared by its containers, removed on dispose.</summary>
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
        (await Eventually.GetStringAsync(http, new Uri($"http://{sandbox.Address}:8080/"))).ShouldBe("hello from the sandbox\n");
        container.Address.ShouldBe(sandbox.Address);
        container.Id.ShouldStartWith(_runner.Prefix + "-");
        container.Exited.IsCompleted.ShouldBeFalse();
        sandbox.Containers.ShouldBe([container]);
    }

    [Fact(Timeout = 120_000)]
    public async Task TwoSandboxes_ServingTheSamePort_DoNotClash()
    {
        var first = await _runner.BuildHttpdAsync("first\n");
        var second = await _runner.BuildHttpdAsync("second\n");
        await using var one = await _runner.Host.CreateSandboxAsync("replica-1");
        await using var two = await _runner.Host.CreateSandboxAsync("replica-2");

        await one.StartContainerAsync(RunnerHarness.Spec(first));
        await two.StartContainerAsync(RunnerHarness.Spec(second));

        one.Address.ShouldNotBe(two.Address);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        (await Eventually.GetStringAsync(http, new Uri($"http://{one.Address}:8080/"))).ShouldBe("first\n");
        (await Eventually.GetStringAsync(http, new Uri($"http://{two.Address}:8080/"))).ShouldBe("second\n");
    }

    [Fact(Timeout = 120_000)]
    public async Task ContainersInOneSandbox_ShareItsNetwork_ReachEachOtherOnLoopback()
    {
        var digest = await _runner.BuildHttpdAsync("shared network\n");
        await using var sandbox = await _runner.Host.CreateSandboxAsync("task");
        await sandbox.StartContainerAsync(RunnerHarness.Spec(digest, "web"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.GetStringAsync(http, new Uri($"http://{sandbox.Address}:8080/"));
        var lines = new List<string>();

        var sidecar = await sandbox.StartContainerAsync(RunnerHarness.Spec(digest, "sidecar") with
        {
            Command = ["wget", "-q", "-O", "-", "http://127.0.0.1:8080/"],
            OnLog = line => { lock (lines) lines.Add(line.Text); },
        });

        (await sidecar.Exited).ExitCode.ShouldBe(0);
        lock (lines) lines.ShouldBe(["shared network"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Containers_ReachTheHostThroughTheGateway()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Any, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();
        var digest = await _runner.BuildHttpdAsync();
        await using var sandbox = await _runner.Host.CreateSandboxAsync("client");

        var container = await sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with { Command = ["nc", "-w", "5", sandbox.Gateway.ToString(), port.ToString()] });

        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(60));
        ((System.Net.IPEndPoint)client.Client.RemoteEndPoint!).Address.ShouldBe(sandbox.Address);
        client.Close();
        await container.StopAsync(TimeSpan.FromSeconds(1));
    }

    [Fact(Timeout = 120_000)]
    public async Task DisposeAsync_StopsItsContainers_RemovesNamespaceAndVeth_FreesTheAddress()
    {
        var digest = await _runner.BuildHttpdAsync();
        var sandbox = await _runner.Host.CreateSandboxAsync("short-lived");
        var container = await sandbox.StartContainerAsync(RunnerHarness.Spec(digest));
        var address = sandbox.Address;

        await sandbox.DisposeAsync();

        container.Exited.IsCompleted.ShouldBeTrue();
        (await container.Exited).Reason.ShouldBe("Stopped");
        _runner.Host.Sandboxes.ShouldBeEmpty();
        Testing.Infrastructure.ContainerHygiene.Find(_runner.Prefix, _runner.StateDirectory).ShouldBeEmpty();
        await using var next = await _runner.Host.CreateSandboxAsync("next");
        next.Address.ShouldBe(address, "the freed address block is the lowest free one again");
        await Should.ThrowAsync<ObjectDisposedException>(() => sandbox.StartContainerAsync(RunnerHarness.Spec(digest)));
    }
}
