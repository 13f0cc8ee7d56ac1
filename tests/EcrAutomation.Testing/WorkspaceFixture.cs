using EcrAutomation.Automation;
using EcrAutomation.Events;

namespace EcrAutomation.Testing;

/// <summary>A fresh state root, <see cref="FileCloudProvider"/> cloud folder and workspace per test (deleted on dispose).</summary>
public sealed class WorkspaceFixture : IDisposable
{
    public WorkspaceFixture()
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
