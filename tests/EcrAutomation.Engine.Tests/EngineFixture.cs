using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>A fresh state root, cloud folder and workspace per test.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Root = Directory.CreateTempSubdirectory("ecra-test-").FullName;
        Provider = new FileCloudProvider(Path.Combine(Root, "cloud"));
    }

    public string Root { get; }
    public FileCloudProvider Provider { get; }
    public List<EngineEvent> Events { get; } = [];

    public Task<WorkspaceStack> StackAsync(PulumiFn program, string stack = "dev", string project = "proj") =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs(project, stack, program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = FileCloudProvider.Registry(Provider),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });

    public UpOptions Up() => new() { OnEvent = e => { lock (Events) Events.Add(e); } };

    public string StackFile(string project = "proj", string stack = "dev") => Path.Combine(Root, "state", ".pulumi", "stacks", project, stack + ".json");

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
