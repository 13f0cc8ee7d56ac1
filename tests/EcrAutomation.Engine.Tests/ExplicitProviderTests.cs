using System.Collections.Concurrent;
using EcrAutomation.Automation;
using EcrAutomation.Providers;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>Explicit provider resources (<c>pulumi:providers:&lt;pkg&gt;</c>) chosen with <c>Provider =</c>, as in Pulumi.</summary>
public sealed class ExplicitProviderTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private sealed class ZoneProviderArgs : ResourceArgs
    {
        [Input("zone")] public Input<string>? Zone { get; set; }
    }

    private sealed class ZoneProvider(string name, string zone) : ProviderResource("test", name, new ZoneProviderArgs { Zone = zone });

    /// <summary>Passes calls to the file cloud and records the <c>test:zone</c> config each call saw, by operation and resource name.</summary>
    private sealed class ZoneRecorder(IResourceProvider inner) : IResourceProvider
    {
        public ConcurrentDictionary<(string Operation, string Name), string?> Zones { get; } = new();

        private void Record(string operation, ProviderRequest request) =>
            Zones[(operation, request.Name)] = request.Config.TryGetValue("test:zone", out var zone) ? zone : null;

        public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) => inner.CheckAsync(request, cancellationToken);
        public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) => inner.DiffAsync(request, cancellationToken);
        public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default) { Record("create", request); return inner.CreateAsync(request, cancellationToken); }
        public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default) { Record("read", request); return inner.ReadAsync(request, cancellationToken); }
        public Task<Providers.UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) => inner.UpdateAsync(request, cancellationToken);
        public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default) { Record("delete", request); return inner.DeleteAsync(request, cancellationToken); }
    }

    [Fact]
    public async Task ExplicitProvider_ItsInputsReplaceThePackageConfig_ForItsResourcesOnly_InUpRefreshAndDestroy()
    {
        var recorder = new ZoneRecorder(_f.Provider);
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("proj", "dev", PulumiFn.Create(() =>
        {
            var west = new ZoneProvider("west", "west-zone");
            new Thing("default-thing");
            new Thing("west-thing", null, new CustomResourceOptions { Provider = west });
        }))
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            WorkDir = Path.Combine(_f.Root, "work"),
            Providers = new ProviderRegistry().Add(recorder, FileCloudProvider.ThingType),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });
        await stack.SetConfigAsync("test:zone", new ConfigValue("stack-zone"));

        var up = await stack.UpAsync();

        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(4, "the stack, the explicit provider and two things");
        recorder.Zones[("create", "default-thing")].ShouldBe("stack-zone");
        recorder.Zones[("create", "west-thing")].ShouldBe("west-zone");
        using (var export = System.Text.Json.JsonDocument.Parse((await stack.ExportStackAsync()).Json))
        {
            var resources = export.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().ToList();
            var west = resources.Single(r => r.GetProperty("urn").GetString() == "urn:pulumi:dev::proj::pulumi:providers:test::west");
            west.GetProperty("inputs").GetProperty("zone").GetString().ShouldBe("west-zone");
            string ProviderOf(string name) => resources.Single(r => r.GetProperty("urn").GetString()!.EndsWith("::" + name, StringComparison.Ordinal)).GetProperty("provider").GetString()!;
            ProviderOf("west-thing").ShouldBe($"urn:pulumi:dev::proj::pulumi:providers:test::west::{west.GetProperty("id").GetString()}");
            ProviderOf("default-thing").ShouldStartWith("urn:pulumi:dev::proj::pulumi:providers:test::default::");
        }
        (await stack.UpAsync()).Summary.ResourceChanges![OperationType.Same].ShouldBe(4, "an unchanged explicit provider is the same");

        await stack.RefreshAsync();
        recorder.Zones[("read", "west-thing")].ShouldBe("west-zone", "refresh runs no program: the provider's config comes from the state");
        await stack.DestroyAsync();
        recorder.Zones[("delete", "default-thing")].ShouldBe("stack-zone");
        recorder.Zones[("delete", "west-thing")].ShouldBe("west-zone", "destroy runs no program: the provider's config comes from the state");
        (await stack.ExportStackAsync()).Json.ShouldNotContain("pulumi:providers:test::west");
    }
}
