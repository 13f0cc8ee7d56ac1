using System.Text.RegularExpressions;
using EcrAutomation.Automation;
using EcrAutomation.Builtins;
using EcrAutomation.Events;
using EcrAutomation.Schema;
using EcrAutomation.Testing;

namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// Runs a YAML program through the Automation API (an inline program calling <see cref="YamlProgram.RunAsync"/>), with the
/// test provider's <c>test:index:Thing</c> (a file per resource) and the built-in <c>random</c> package.
/// </summary>
public sealed partial class YamlStack : IDisposable
{
    public static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssemblies(typeof(Thing).Assembly, typeof(RandomString).Assembly, typeof(YamlStack).Assembly);

    private readonly WorkspaceFixture _fixture = new();

    public FileCloudProvider Provider => _fixture.Provider;
    public List<EngineEvent> Events => _fixture.Events;
    public string ProjectDirectory => Directory.CreateDirectory(Path.Combine(_fixture.Root, "project")).FullName;

    public async Task<UpResult> UpAsync(string yaml, IReadOnlyDictionary<string, ConfigValue>? config = null)
    {
        var stack = await StackAsync(yaml);
        foreach (var (key, value) in config ?? new Dictionary<string, ConfigValue>()) await stack.SetConfigAsync(key, value);
        return await stack.UpAsync(_fixture.Up());
    }

    /// <summary>The stack's state file, as the engine wrote it.</summary>
    public string StateText() => File.ReadAllText(_fixture.StackFile());

    public async Task<PreviewResult> PreviewAsync(string yaml)
    {
        var stack = await StackAsync(yaml);
        return await stack.PreviewAsync(new PreviewOptions { OnEvent = e => { lock (Events) Events.Add(e); } });
    }

    /// <summary>
    /// The diagnostics (<c>file:line:col: error: ...</c>, with their detail lines) of a program the check rejects: an up
    /// that must fail before touching anything.
    /// </summary>
    public async Task<IReadOnlyList<string>> ErrorsAsync(string yaml)
    {
        var error = await Should.ThrowAsync<UpdateFailedException>(() => UpAsync(yaml));
        Provider.Existing().ShouldBeEmpty("a rejected program must not touch any resource");
        var text = string.Join("\n", error.Errors);
        return [.. DiagnosticStart().Split(text).Skip(1).Select(d => d.TrimEnd())];
    }

    [GeneratedRegex(@"(?=Pulumi\.yaml:\d+:\d+: error: )")]
    private static partial Regex DiagnosticStart();

    public Task<WorkspaceStack> StackAsync(string yaml)
    {
        var program = YamlProgram.Parse(yaml);
        var context = new YamlRunContext { Resources = Catalog, Functions = new FunctionCatalog(), ProjectDirectory = ProjectDirectory };
        return _fixture.StackAsync(PulumiFn.Create(ct => program.RunAsync(context, ct)));
    }

    /// <summary>The provider reference (<c>urn::id</c>) the engine used for a resource in the last operation's events.</summary>
    public string ProviderOf(string name)
    {
        lock (Events)
            return Events.OfType<ResourcePreEvent>().Last(e => e.Metadata.Urn.EndsWith("::" + name, StringComparison.Ordinal)).Metadata.New!.Provider;
    }

    /// <summary>The inputs the engine saw for a resource in the last operation's events.</summary>
    public IReadOnlyDictionary<string, object?> InputsOf(string name)
    {
        lock (Events)
            return Events.OfType<ResourcePreEvent>().Last(e => e.Metadata.Urn.EndsWith("::" + name, StringComparison.Ordinal)).Metadata.New!.Inputs;
    }

    public void Dispose() => _fixture.Dispose();
}
