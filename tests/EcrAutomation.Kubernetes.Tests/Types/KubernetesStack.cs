using EcrAutomation.Automation;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>A stack in a temporary state folder whose kubernetes resources go to a <see cref="RecordingKubernetesProvider"/>.</summary>
internal sealed class KubernetesStack : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ecra-k8s-types-").FullName;

    public RecordingKubernetesProvider Provider { get; } = new();

    public string StackFile => Path.Combine(Root, "state", ".pulumi", "stacks", "proj", "dev.json");

    public async Task<UpResult> UpAsync(PulumiFn program)
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("proj", "dev", program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = RecordingKubernetesProvider.Registry(Provider),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });
        return await stack.UpAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
