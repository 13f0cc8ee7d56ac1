using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.Schema;
using EcrAutomation.Testing;

namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// A stack running YAML programs through the Automation API, for the built-in, config and option tests: the test
/// provider's <c>test:index:Thing</c> behind a <see cref="BuiltinRecordingProvider"/>, a project folder for files the
/// program reads, stack config, and test functions (<c>test:index:getThing</c>) for <c>fn::invoke</c>.
/// </summary>
public sealed class BuiltinTestStack : IDisposable
{
    private readonly WorkspaceFixture _fixture = new();
    private WorkspaceStack? _stack;

    public BuiltinTestStack()
    {
        Provider = new BuiltinRecordingProvider(_fixture.Provider);
        ProjectDirectory = Directory.CreateDirectory(Path.Combine(_fixture.Root, "project")).FullName;
        Functions = new FunctionCatalog().Add(GetThing()).Add(GetSecretToken());
    }

    public BuiltinRecordingProvider Provider { get; }
    public FileCloudProvider Cloud => _fixture.Provider;
    public string ProjectDirectory { get; }
    public FunctionCatalog Functions { get; }
    public List<EngineEvent> Events { get; } = [];
    /// <summary>How many times <c>test:index:getThing</c> ran.</summary>
    public int Invocations => _invocations;
    private int _invocations;

    public async Task<UpResult> UpAsync(string yaml)
    {
        var stack = await StackAsync();
        return await stack.UpAsync(new UpOptions { Program = Program(yaml), OnEvent = Record });
    }

    public async Task<PreviewResult> PreviewAsync(string yaml)
    {
        var stack = await StackAsync();
        return await stack.PreviewAsync(new PreviewOptions { Program = Program(yaml), OnEvent = Record });
    }

    public async Task<UpdateResult> DestroyAsync() => await (await StackAsync()).DestroyAsync();

    /// <summary>The errors of a program that fails (checked before any resource is touched when <paramref name="untouched"/>).</summary>
    public async Task<IReadOnlyList<string>> ErrorsAsync(string yaml, bool untouched = true)
    {
        var existing = Cloud.Existing();
        var error = await Should.ThrowAsync<UpdateFailedException>(() => UpAsync(yaml));
        if (untouched) Cloud.Existing().ShouldBe(existing, "a rejected program must not touch any resource");
        return error.Errors;
    }

    public async Task SetConfigAsync(string key, string value, bool secret = false) =>
        await (await StackAsync()).SetConfigAsync(key, new ConfigValue(value, secret));

    public async Task<string> ExportAsync() => (await (await StackAsync()).ExportStackAsync()).Json;

    /// <summary>The inputs the engine saw for a resource in the last operation's events.</summary>
    public IReadOnlyDictionary<string, object?> InputsOf(string name)
    {
        lock (Events)
            return Events.OfType<ResourcePreEvent>().Last(e => e.Metadata.Urn.EndsWith("::" + name, StringComparison.Ordinal)).Metadata.New!.Inputs;
    }

    public PulumiFn Program(string yaml)
    {
        var program = YamlProgram.Parse(yaml);
        var context = new YamlRunContext { Resources = YamlStack.Catalog, Functions = Functions, ProjectDirectory = ProjectDirectory };
        return PulumiFn.Create(ct => program.RunAsync(context, ct));
    }

    private async Task<WorkspaceStack> StackAsync() => _stack ??= await LocalWorkspace.CreateOrSelectStackAsync(
        new InlineProgramArgs("proj", "dev", PulumiFn.Create(() => { }))
        {
            StateRoot = Path.Combine(_fixture.Root, "state"),
            WorkDir = Path.Combine(_fixture.Root, "work"),
            Providers = new ProviderRegistry().Add(Provider, FileCloudProvider.ThingType),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });

    private void Record(EngineEvent e)
    {
        lock (Events) Events.Add(e);
    }

    private static SchemaProperty Property(string name, SchemaTypeKind kind, bool secret = false) =>
        new(name, new SchemaType(kind), Required: false, Secret: secret, Description: null);

    /// <summary>A real lookup of the test cloud: the thing of a physical name, with its value (as the file holds it) and ARN.</summary>
    private FunctionInfo GetThing() => new(
        "test:index/getThing:getThing",
        new Dictionary<string, SchemaProperty> { ["name"] = Property("name", SchemaTypeKind.String) },
        new Dictionary<string, SchemaProperty>
        {
            ["name"] = Property("name", SchemaTypeKind.String),
            ["value"] = Property("value", SchemaTypeKind.String),
            ["arn"] = Property("arn", SchemaTypeKind.String),
        },
        async (args, ct) =>
        {
            Interlocked.Increment(ref _invocations);
            var name = args.GetString("name") ?? throw new InvalidOperationException("test:index:getThing: the argument 'name' is required.");
            var path = Path.Combine(Cloud.CloudDirectory, name);
            if (!File.Exists(path)) throw new InvalidOperationException($"no thing named '{name}'");
            return PropertyMap.Empty
                .Set("name", PropertyValue.Of(name))
                .Set("value", PropertyValue.Of(await File.ReadAllTextAsync(path, ct)))
                .Set("arn", PropertyValue.Of("arn:test:" + name));
        });

    /// <summary>A function whose <c>token</c> output the schema marks secret (as pulumi-aws marks getAuthorizationToken's password).</summary>
    private static FunctionInfo GetSecretToken() => new(
        "test:index/getSecretToken:getSecretToken",
        new Dictionary<string, SchemaProperty>(),
        new Dictionary<string, SchemaProperty>
        {
            ["token"] = Property("token", SchemaTypeKind.String, secret: true),
            ["user"] = Property("user", SchemaTypeKind.String),
        },
        (_, _) => Task.FromResult(PropertyMap.Empty.Set("token", PropertyValue.Of("s3cr3t")).Set("user", PropertyValue.Of("AWS"))));

    public void Dispose() => _fixture.Dispose();
}
