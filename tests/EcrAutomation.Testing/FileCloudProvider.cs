using System.Text.Json;
using EcrAutomation.Providers;

namespace EcrAutomation.Testing;

/// <summary>
/// A real provider whose "cloud" is a folder: each resource is one file named after its physical name. It survives the
/// process, so tests can prove there are no duplicates and no orphans after crashes. Type <c>test:index:Thing</c>.
/// </summary>
public sealed class FileCloudProvider(string cloudDirectory) : IResourceProvider
{
    public const string ThingType = "test:index:Thing";

    public string CloudDirectory { get; } = Directory.CreateDirectory(cloudDirectory).FullName;
    public int Creates => _creates;
    public int Updates => _updates;
    public int Deletes => _deletes;
    public TimeSpan Delay { get; set; }
    /// <summary>Called after each create has written its file, before the result returns to the engine, with the count so far.</summary>
    public Action<int>? AfterCreate { get; set; }
    /// <summary>Names whose create fails.</summary>
    public HashSet<string> FailOn { get; } = [];
    private int _creates, _updates, _deletes;

    public static ProviderRegistry Registry(FileCloudProvider provider) => new ProviderRegistry().Add(provider, ThingType);

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(CheckResponse.Ok(AutoNaming.Apply(request)));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "replaceKey"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        var name = request.Inputs.GetString("name")!;
        if (FailOn.Contains(Urns.Name(request.Urn))) throw new ResourceProviderException($"creating '{name}' failed on purpose");
        var path = PathOf(name);
        if (File.Exists(path)) throw new ResourceProviderException($"a thing named '{name}' already exists");
        var count = Interlocked.Increment(ref _creates);
        var outputs = request.Inputs.Set("arn", PropertyValue.Of("arn:test:" + name));
        await File.WriteAllTextAsync(path, request.Inputs.GetString("value") ?? "", cancellationToken);
        AfterCreate?.Invoke(count);
        return new CreateResponse(name, outputs);
    }

    public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var path = PathOf(request.Id);
        if (!File.Exists(path)) return Task.FromResult<ReadResponse?>(null);
        var value = File.ReadAllText(path);
        var outputs = (request.State ?? request.Inputs ?? PropertyMap.Empty).Set("name", PropertyValue.Of(request.Id)).Set("value", PropertyValue.Of(value)).Set("arn", PropertyValue.Of("arn:test:" + request.Id));
        var inputs = (request.Inputs ?? PropertyMap.Empty).Set("name", PropertyValue.Of(request.Id)).Set("value", PropertyValue.Of(value));
        return Task.FromResult<ReadResponse?>(new ReadResponse(request.Id, outputs, inputs));
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        Interlocked.Increment(ref _updates);
        await File.WriteAllTextAsync(PathOf(request.Id), request.NewInputs.GetString("value") ?? "", cancellationToken);
        return new UpdateResponse(request.NewInputs.Set("arn", PropertyValue.Of("arn:test:" + request.Id)));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        Interlocked.Increment(ref _deletes);
        File.Delete(PathOf(request.Id));
    }

    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        request.Inputs.GetString("name") is { } name ? ReadAsync(new ReadRequest(request.Urn, request.Type, request.Name, name, request.Inputs, null), cancellationToken) : Task.FromResult<ReadResponse?>(null);

    /// <summary>Physical names of every thing in the cloud.</summary>
    public IReadOnlyList<string> Existing() => [.. Directory.GetFiles(CloudDirectory).Select(Path.GetFileName).OfType<string>().Order()];

    private string PathOf(string name) => Path.Combine(CloudDirectory, name);
}

public sealed class ThingArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("value")] public Input<string>? Value { get; set; }
    [Input("replaceKey")] public Input<string>? ReplaceKey { get; set; }
    [Input("secretValue")] public Input<string>? SecretValue { get; set; }
}

/// <summary>A resource of the <see cref="FileCloudProvider"/>.</summary>
[ResourceType(FileCloudProvider.ThingType)]
public sealed class Thing : CustomResource
{
    public Thing(string name, ThingArgs? args = null, CustomResourceOptions? options = null)
        : base(FileCloudProvider.ThingType, name, args ?? new ThingArgs(), options) { }

    [Output("name")] public Output<string> PhysicalName { get; private set; } = null!;
    [Output("value")] public Output<string> Value { get; private set; } = null!;
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
}

/// <summary>A component with children, for trees in tests and benchmarks.</summary>
public sealed class Group : ComponentResource
{
    public Group(string name, int children, string value, ComponentResourceOptions? options = null) : base("test:index:Group", name, options)
    {
        Thing? previous = null;
        for (var i = 0; i < children; i++)
        {
            var thing = new Thing($"{name}-t{i}", new ThingArgs { Value = value }, new CustomResourceOptions { Parent = this, DependsOn = previous is null ? [] : [previous] });
            previous = thing;
        }
        RegisterOutputs(new Dictionary<string, object?> { ["count"] = children });
    }
}
