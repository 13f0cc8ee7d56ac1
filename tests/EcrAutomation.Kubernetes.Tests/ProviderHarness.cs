using System.Collections.Concurrent;
using System.Text;
using EcrAutomation.Kubernetes.Runtime;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>Calls the kubernetes provider the way the engine does (check, then create or diff + update), for one cluster.</summary>
public sealed class ProviderHarness(KubernetesCluster cluster)
{
    internal static readonly KubernetesProviderOptions FastOptions = new() { PollInterval = TimeSpan.FromMilliseconds(200), EndpointsSettleTime = TimeSpan.FromSeconds(1) };

    internal KubernetesResourceProvider Provider { get; } = new(FastOptions);

    public RecordingLog Log { get; } = new();

    public DeploymentScope Scope { get; } = new();

    public IReadOnlyDictionary<string, string> Config { get; set; } = cluster.ProviderConfig;

    public static string Urn(string type, string name) => $"urn:pulumi:dev::proj::{type}::{name}";

    public static byte[] Seed(string name) => Encoding.UTF8.GetBytes("dev/proj/" + name);

    private T Stamp<T>(T request) where T : ProviderRequest => request with { Log = Log, Config = Config, Scope = Scope };

    public async Task<PropertyMap> CheckAsync(string type, string name, PropertyMap inputs, PropertyMap? old = null)
    {
        var check = await Provider.CheckAsync(Stamp(new CheckRequest(Urn(type, name), type, name, old, inputs, Seed(name))));
        check.Failures.ShouldBeEmpty();
        return check.Inputs;
    }

    /// <summary>Check + create; returns the id, the checked inputs and the outputs.</summary>
    public async Task<(string Id, PropertyMap Inputs, PropertyMap Outputs)> CreateAsync(string type, string name, PropertyMap inputs, TimeSpan? timeout = null)
    {
        var checkedInputs = await CheckAsync(type, name, inputs);
        var created = await Provider.CreateAsync(Stamp(new CreateRequest(Urn(type, name), type, name, checkedInputs, timeout)));
        return (created.Id, checkedInputs, created.Outputs);
    }

    public async Task<DiffResponse> DiffAsync(string type, string name, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap newInputs) =>
        await Provider.DiffAsync(Stamp(new DiffRequest(Urn(type, name), type, name, id, oldInputs, oldOutputs, newInputs, [])));

    public async Task<PropertyMap> UpdateAsync(string type, string name, string id, PropertyMap oldInputs, PropertyMap oldOutputs, PropertyMap newInputs, TimeSpan? timeout = null) =>
        (await Provider.UpdateAsync(Stamp(new UpdateRequest(Urn(type, name), type, name, id, oldInputs, oldOutputs, newInputs, timeout)))).Outputs;

    public async Task<ReadResponse?> ReadAsync(string type, string name, string id, PropertyMap? inputs, PropertyMap? state) =>
        await Provider.ReadAsync(Stamp(new ReadRequest(Urn(type, name), type, name, id, inputs, state)));

    public Task DeleteAsync(string type, string name, string id, PropertyMap inputs, TimeSpan? timeout = null) =>
        Provider.DeleteAsync(Stamp(new DeleteRequest(Urn(type, name), type, name, id, inputs, PropertyMap.Empty, timeout)));

    public Task<PropertyMap> PreviewAsync(string type, string name, string? id, PropertyMap inputs, PropertyMap? oldOutputs = null) =>
        Provider.PreviewAsync(Stamp(new PreviewRequest(Urn(type, name), type, name, id, inputs, oldOutputs)));

    public Task<ReadResponse?> FindInterruptedCreateAsync(string type, string name, PropertyMap inputs) =>
        Provider.FindInterruptedCreateAsync(Stamp(new FindRequest(Urn(type, name), type, name, inputs)));
}

/// <summary>Collects a provider's diagnostics.</summary>
public sealed class RecordingLog : IResourceLog
{
    private readonly ConcurrentQueue<(string Severity, string Message)> _messages = new();

    public IReadOnlyList<string> Infos => [.. _messages.Where(m => m.Severity == "info").Select(m => m.Message)];

    public IReadOnlyList<string> Warnings => [.. _messages.Where(m => m.Severity == "warning").Select(m => m.Message)];

    public void Info(string message) => _messages.Enqueue(("info", message));

    public void Warning(string message) => _messages.Enqueue(("warning", message));
}
