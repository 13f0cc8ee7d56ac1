using System.Diagnostics;
using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>
/// Pulumi's rule for explicit providers: a provider whose change its package's replacement rule says targets other
/// infrastructure (another cluster) is replaced, and so is every resource using it; other changes update it in place.
/// </summary>
public sealed class ProviderReplacementTests : IDisposable
{
    private const string ProviderUrn = "urn:pulumi:dev::crash::pulumi:providers:test::k8s";
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-provider-").FullName;
    private readonly ClusterCloudProvider _cloud;

    public ProviderReplacementTests() => _cloud = new ClusterCloudProvider(Path.Combine(_root, "cloud"));

    [Fact]
    public async Task ThingsMovedToAnotherProvider_StayWhenItsConfigIsTheSame_AndAreReplacedWhenItNamesAnotherCluster()
    {
        var stack = await StackAsync(ClusterThings.Program("cluster-a"));
        await stack.UpAsync();
        var before = Things(await ResourcesAsync(stack)).Select(t => t.Id).ToList();

        var renamed = await stack.UpAsync(new UpOptions { Program = ClusterThings.Program("cluster-a", provider: "k8s-renamed") });
        renamed.Summary.ResourceChanges!.ContainsKey(OperationType.Replace).ShouldBeFalse("the same cluster under another provider name re-targets nothing");
        var after = Things(await ResourcesAsync(stack));
        after.Select(t => t.Id).ShouldBe(before, "same things");
        after.ShouldAllBe(t => t.Provider.Contains("::k8s-renamed::", StringComparison.Ordinal));
        _cloud.Existing("cluster-a").Count.ShouldBe(ClusterThings.Count);

        var moved = await stack.UpAsync(new UpOptions { Program = ClusterThings.Program("cluster-b", provider: "k8s-other") });
        moved.Summary.ResourceChanges![OperationType.Replace].ShouldBe(ClusterThings.Count, "each thing, created in the other cluster");
        _cloud.Existing("cluster-b").Count.ShouldBe(ClusterThings.Count);
        _cloud.Existing("cluster-a").Count.ShouldBe(0, "and deleted from the first with its provider's config");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private string StateRoot => Path.Combine(_root, "state");

    private Task<WorkspaceStack> StackAsync(PulumiFn program) =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("crash", "dev", program)
        {
            StateRoot = StateRoot,
            WorkDir = Path.Combine(StateRoot, "work"),
            Providers = _cloud.Registry(),
        });

    private static async Task<List<JsonElement>> ResourcesAsync(WorkspaceStack stack)
    {
        using var export = JsonDocument.Parse((await stack.ExportStackAsync()).Json);
        return [.. export.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().Select(r => r.Clone())];
    }

    private static string UrnAndId(JsonElement resource) =>
        resource.GetProperty("urn").GetString() + "::" + (resource.TryGetProperty("id", out var id) ? id.GetString() : "");

    private static bool IsMarkedForDeletion(JsonElement resource) => resource.TryGetProperty("delete", out var d) && d.GetBoolean();

    private static string ProviderId(List<JsonElement> resources) =>
        resources.Single(r => r.GetProperty("urn").GetString() == ProviderUrn).GetProperty("id").GetString()!;

    private static List<(string Id, string Provider)> Things(List<JsonElement> resources) =>
        [.. resources.Where(r => r.GetProperty("type").GetString() == FileCloudProvider.ThingType)
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("provider").GetString()!)).OrderBy(t => t.Item1, StringComparer.Ordinal)];

    [Fact]
    public async Task ClusterChange_ReplacesTheProviderAndEveryResourceUsingIt_CreatingInTheNewClusterAndDeletingFromTheOld()
    {
        var stack = await StackAsync(ClusterThings.Program("cluster-a"));
        await stack.UpAsync();
        var before = await ResourcesAsync(stack);
        _cloud.Existing("cluster-a").Count.ShouldBe(ClusterThings.Count);

        var events = new List<EngineEvent>();
        var up = await stack.UpAsync(new UpOptions { Program = ClusterThings.Program("cluster-b"), OnEvent = e => { lock (events) events.Add(e); } });

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(ClusterThings.Count + 1, "the provider and each of its things");
        _cloud.Existing("cluster-a").ShouldBeEmpty("the old things were deleted from the old cluster, with the old provider's config");
        _cloud.Existing("cluster-b").Count.ShouldBe(ClusterThings.Count, "the replacements were created in the new cluster");
        var after = await ResourcesAsync(stack);
        ProviderId(after).ShouldNotBe(ProviderId(before), "a replaced provider gets a new id");
        Things(after).ShouldAllBe(t => t.Provider == $"{ProviderUrn}::{ProviderId(after)}");
        Things(after).Select(t => t.Id).ShouldNotContain(id => Things(before).Any(b => b.Id == id), "no thing was re-targeted at the new cluster under its old id");
        after.Count(IsMarkedForDeletion).ShouldBe(0, "nothing is left marked for deletion");
        var app0 = events.OfType<ResourcePreEvent>().Where(e => e.Metadata.Urn.EndsWith("::app-0", StringComparison.Ordinal)).Select(e => e.Metadata).ToList();
        app0.Single(m => m.Op == OperationType.Replace).Keys.ShouldBe(["provider"]);
        app0.Select(m => m.Op).ToList().IndexOf(OperationType.CreateReplacement)
            .ShouldBeLessThan(app0.Select(m => m.Op).ToList().IndexOf(OperationType.DeleteReplaced), "create before delete");
        events.OfType<ResourcePreEvent>().ShouldContain(e => e.Metadata.Urn == ProviderUrn && e.Metadata.Op == OperationType.Replace);

        var again = await stack.UpAsync(new UpOptions { Program = ClusterThings.Program("cluster-b") });
        again.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "a no-op up after the replacement");
        (await ResourcesAsync(stack)).Select(UrnAndId).ShouldBe(after.Select(UrnAndId), "a no-op up keeps every id");
    }

    [Fact]
    public async Task ProviderChangeNotRequiringReplacement_UpdatesItInPlace_AndItsResourcesKeepTheirIdsAndCluster()
    {
        var stack = await StackAsync(ClusterThings.Program("cluster-a"));
        await stack.UpAsync();
        var before = await ResourcesAsync(stack);

        var up = await stack.UpAsync(new UpOptions { Program = ClusterThings.Program("cluster-a", @namespace: "apps") });

        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1, "only the provider");
        up.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        var after = await ResourcesAsync(stack);
        ProviderId(after).ShouldBe(ProviderId(before));
        Things(after).ShouldBe(Things(before), "same ids, same provider reference");
        _cloud.Existing("cluster-a").Count.ShouldBe(ClusterThings.Count);
    }

    [Fact]
    public async Task Preview_WithProviderConfigUnknownUntilApply_ShowsTheProviderAndItsResourcesAsReplaced_AndChangesNothing()
    {
        // The provider's cluster comes from another resource's output, unknown at preview when that resource is replaced.
        PulumiFn Program(string sourceKey) => PulumiFn.Create(() =>
        {
            var source = new Thing("cluster-source", new ThingArgs { ReplaceKey = sourceKey });
            var k8s = new ClusterProvider("k8s", new ClusterProviderArgs { Cluster = source.Arn.Apply(arn => arn.Replace(':', '-')) });
            new Thing("app", new ThingArgs { Value = "v" }, new CustomResourceOptions { Provider = k8s });
        });
        var stack = await StackAsync(Program("1"));
        await stack.SetConfigAsync("test:cluster", new ConfigValue("source-cluster"));
        await stack.UpAsync();
        var before = await ResourcesAsync(stack);
        var stackFile = File.ReadAllBytes(Path.Combine(StateRoot, ".pulumi", "stacks", "crash", "dev.json"));

        var events = new List<EngineEvent>();
        var preview = await stack.PreviewAsync(new PreviewOptions { Program = Program("2"), OnEvent = e => { lock (events) events.Add(e); } });

        preview.ChangeSummary[OperationType.Replace].ShouldBe(3, "the source, the provider whose cluster is unknown, and its thing");
        events.OfType<ResourcePreEvent>().ShouldContain(e => e.Metadata.Urn == ProviderUrn && e.Metadata.Op == OperationType.Replace);
        events.OfType<ResourcePreEvent>().ShouldContain(e => e.Metadata.Urn.EndsWith("::app", StringComparison.Ordinal) && e.Metadata.Op == OperationType.Replace);
        File.ReadAllBytes(Path.Combine(StateRoot, ".pulumi", "stacks", "crash", "dev.json")).ShouldBe(stackFile, "a preview changes nothing");
        (await ResourcesAsync(stack)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task KillDuringProviderReplacement_ThenUp_FinishesIt_NoOrphanInEitherCluster()
    {
        await RunHostAsync("cluster-a").ShouldBeAsync(0);
        _cloud.Existing("cluster-a").Count.ShouldBe(ClusterThings.Count);

        // Killed right after the first replacement reached the new cluster: nothing old deleted yet.
        await RunHostAsync("cluster-b", killAfterCreates: 1).ShouldBeAsync(137);
        _cloud.Existing("cluster-b").Count.ShouldBe(1);
        _cloud.Existing("cluster-a").Count.ShouldBe(ClusterThings.Count, "the kill came before any old thing was deleted");

        var stack = await StackAsync(ClusterThings.Program("cluster-b"));
        var up = await stack.UpAsync();

        up.Summary.Result.ShouldBe(UpdateState.Succeeded);
        _cloud.Existing("cluster-a").ShouldBeEmpty("the old things were deleted from the old cluster after the crash");
        var things = Things(await ResourcesAsync(stack));
        _cloud.Existing("cluster-b").ShouldBe([.. things.Select(t => t.Id)], "every thing in the new cluster is in the state and vice versa");
        things.Count.ShouldBe(ClusterThings.Count);
        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
    }

    private async Task<int> RunHostAsync(string cluster, int? killAfterCreates = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "EcrAutomation.Testing"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "cluster-up", StateRoot, _cloud.CloudDirectory, cluster }) start.ArgumentList.Add(a);
        if (killAfterCreates is { } n) start.ArgumentList.Add(n.ToString());
        using var host = Process.Start(start)!;
        var stderr = host.StandardError.ReadToEndAsync();
        await host.StandardOutput.ReadToEndAsync();
        await host.WaitForExitAsync();
        if (host.ExitCode is not (0 or 137)) throw new InvalidOperationException($"the host failed ({host.ExitCode}): {await stderr}");
        return host.ExitCode;
    }
}

internal static class TaskAssertions
{
    public static async Task ShouldBeAsync(this Task<int> task, int expected) => (await task).ShouldBe(expected);
}
