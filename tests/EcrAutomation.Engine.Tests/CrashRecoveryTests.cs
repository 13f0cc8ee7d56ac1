using System.Diagnostics;
using EcrAutomation.Automation;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>kill -9 at random points during an up of a few hundred resources, then a converging up.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Groups = 100; // 100 components x 3 things + the stack = 401 resources
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-crash-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string StateRoot => Path.Combine(_root, "state");
    private string CloudDir => Path.Combine(_root, "cloud");

    private int CloudCount() => Directory.Exists(CloudDir) ? Directory.GetFiles(CloudDir).Length : 0;

    [Fact]
    public async Task SecondUp_WhileAnotherProcessUpdates_ThrowsConcurrentUpdateNamingThatProcess()
    {
        using var host = StartHost(killAfterCreates: int.MaxValue, delayMs: 50);
        try
        {
            var watch = Stopwatch.StartNew();
            while (CloudCount() == 0 && !host.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20);
            host.HasExited.ShouldBeFalse("the other process must still be updating");
            var stack = await LocalWorkspace.SelectStackAsync(new InlineProgramArgs("crash", "dev", PulumiFn.Create(() => { }))
            {
                StateRoot = StateRoot,
                WorkDir = Path.Combine(StateRoot, "work"),
                Providers = FileCloudProvider.Registry(new FileCloudProvider(CloudDir)),
            });
            var error = await Should.ThrowAsync<ConcurrentUpdateException>(() => stack.UpAsync());
            error.Message.ShouldContain("the stack is currently locked by 1 lock(s)");
            error.Message.ShouldContain($"(pid {host.Id})");
            (await Should.ThrowAsync<ConcurrentUpdateException>(() => stack.DestroyAsync())).Message.ShouldContain("currently locked");
        }
        finally
        {
            host.Kill();
            await host.WaitForExitAsync();
        }
    }

    private Process StartHost(int killAfterCreates, int delayMs = 3)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "EcrAutomation.Testing"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "up", StateRoot, CloudDir, Groups.ToString(), delayMs.ToString(), killAfterCreates.ToString() }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    [Fact]
    public async Task KillDuringUp_ThenConvergingUp_NoDuplicateNoOrphanAndStateLoads()
    {
        var random = new System.Random(20261127);
        var killed = 0;
        var midway = 0;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            // Each run kills itself (SIGKILL) after a random number of its own creates, with other creates in flight.
            using var host = StartHost(killAfterCreates: random.Next(5, 40));
            await host.WaitForExitAsync();
            if (host.ExitCode == 137) killed++; // 128 + SIGKILL
            if (CloudCount() is > 0 and < Groups * 3) midway++;
        }
        killed.ShouldBe(6, "every run must have died by SIGKILL");
        midway.ShouldBeGreaterThan(0, "at least one run must have been killed with some resources created and others not, for this test to mean anything");

        var provider = new FileCloudProvider(CloudDir);
        var stack = await LocalWorkspace.SelectStackAsync(new InlineProgramArgs("crash", "dev", PulumiFn.Create(() =>
        {
            for (var g = 0; g < Groups; g++) new Group($"g{g}", 3, "v");
        }))
        {
            StateRoot = StateRoot,
            WorkDir = Path.Combine(StateRoot, "work"),
            Providers = FileCloudProvider.Registry(provider),
        });
        var result = await stack.UpAsync();
        result.Summary.Result.ShouldBe(UpdateState.Succeeded);

        var export = System.Text.Json.JsonDocument.Parse((await stack.ExportStackAsync()).Json);
        var deployment = export.RootElement.GetProperty("deployment");
        deployment.TryGetProperty("pending_operations", out _).ShouldBeFalse("every interrupted operation was resolved");
        var ids = deployment.GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == FileCloudProvider.ThingType)
            .Select(r => r.GetProperty("id").GetString()!).Order().ToList();
        ids.Count.ShouldBe(Groups * 3);
        ids.Distinct().Count().ShouldBe(ids.Count, "no duplicate resources in state");
        provider.Existing().ShouldBe(ids, "every thing in the cloud is in the state and vice versa: no orphan, no duplicate");

        var again = await stack.UpAsync();
        again.Summary.ResourceChanges![OperationType.Same].ShouldBe(Groups * 4 + 1);
    }
}
