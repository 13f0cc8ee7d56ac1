using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using static EcrAutomation.Kubernetes.Tests.Objects;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>The provider through the engine (stacks with <c>kubernetes:kubeconfig</c> config): up, refresh, import, replace, destroy.</summary>
public sealed class EngineTests : IAsyncLifetime
{
    private readonly KubernetesCluster _cluster = new();
    private readonly string _root = Directory.CreateTempSubdirectory("k8s-engine-").FullName;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _cluster.Push("registry.local/app:v1");
        _cluster.Push("registry.local/app:v2");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private async Task<WorkspaceStack> StackAsync(PulumiFn program)
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("k8s", "dev", program)
        {
            StateRoot = Path.Combine(_root, "state"),
            WorkDir = Path.Combine(_root, "work"),
            Providers = KubernetesProviders.Register(new ProviderRegistry(), ProviderHarness.FastOptions),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        await stack.SetConfigAsync("kubernetes:kubeconfig", new ConfigValue(_cluster.KubeconfigPath));
        return stack;
    }

    private string StackFile => Path.Combine(_root, "state", ".pulumi", "stacks", "k8s", "dev.json");

    private static PulumiFn Deploy(PropertyMap deployment, CustomResourceOptions? options = null) => PulumiFn.Create(() =>
    {
        var app = new KubernetesObject(DeploymentType, "app", KubernetesObjectArgs.From(deployment), options);
        return new Dictionary<string, object?> { ["id"] = app.Id };
    });

    [Fact]
    public async Task Up_ThenUpdate_ThenNoOp_ThenSelectorChangeReplaces_ThenDestroyRemovesEverything()
    {
        var stack = await StackAsync(Deploy(DeploymentInputs("registry.local/app:v1")));
        var created = await stack.UpAsync();
        var id = (string)created.Outputs["id"].Value!;
        id.ShouldMatch("^default/app-[0-9a-f]{8}$");

        var updated = await stack.UpAsync(new UpOptions { Program = Deploy(DeploymentInputs("registry.local/app:v2")) });
        updated.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        ((string)updated.Outputs["id"].Value!).ShouldBe(id);
        (await _cluster.KubectlOkAsync("get", "deployment", id[8..], "-o", "jsonpath={.spec.template.spec.containers[0].image}")).ShouldBe("registry.local/app:v2");

        var same = await stack.UpAsync(new UpOptions { Program = Deploy(DeploymentInputs("registry.local/app:v2")) });
        same.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        var replaced = await stack.UpAsync(new UpOptions { Program = Deploy(DeploymentInputs("registry.local/app:v2", app: "other")) });
        replaced.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        var newId = (string)replaced.Outputs["id"].Value!;
        newId.ShouldNotBe(id);
        (await _cluster.GetAsync("deployment", id[8..])).ShouldBeNull();
        (await _cluster.GetAsync("deployment", newId[8..])).ShouldNotBeNull();

        await stack.DestroyAsync();
        (await _cluster.KubectlOkAsync("get", "deployments,replicasets,pods", "-o", "name")).Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task Refresh_AfterKubectlScale_ThenUp_RestoresTheProgramsReplicas_AndASecondUpIsANoOp()
    {
        var program = Deploy(DeploymentInputs("registry.local/app:v1"));
        var stack = await StackAsync(program);
        var name = ((string)(await stack.UpAsync()).Outputs["id"].Value!)[8..];
        await _cluster.KubectlOkAsync("scale", "deployment", name, "--replicas=4");

        await stack.RefreshAsync();
        var repaired = await stack.UpAsync(new UpOptions { Program = program });

        repaired.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        (await _cluster.KubectlOkAsync("get", "deployment", name, "-o", "jsonpath={.spec.replicas}")).ShouldBe("2");
        await stack.RefreshAsync();
        (await stack.UpAsync(new UpOptions { Program = program })).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "no perpetual diff after refresh");
    }

    [Fact]
    public async Task Up_ImportId_AdoptsAnExistingDeployment_ThenTheProgramManagesIt()
    {
        await _cluster.KubectlOkAsync("create", "deployment", "legacy", "--image=registry.local/app:v1", "--replicas=2");
        var program = DeploymentInputs("registry.local/app:v1", app: "legacy", name: "legacy");
        var stack = await StackAsync(Deploy(program, new CustomResourceOptions { ImportId = "default/legacy" }));

        var imported = await stack.UpAsync();

        imported.Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        ((string)imported.Outputs["id"].Value!).ShouldBe("default/legacy");
        var again = await stack.UpAsync(new UpOptions { Program = Deploy(With(program, PropertyValue.Of(3), "spec", "replicas")) });
        again.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        (await _cluster.KubectlOkAsync("get", "deployment", "legacy", "-o", "jsonpath={.spec.replicas}")).ShouldBe("3");
    }

    [Fact]
    public async Task Up_ReportsAwaitProgressAsDiagnosticsOfTheResource_AndAFailedRolloutFailsTheUpSayingWhy()
    {
        var events = new List<EngineEvent>();
        var pushLater = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            _cluster.Push("registry.local/late:v1");
        });
        var stack = await StackAsync(Deploy(DeploymentInputs("registry.local/late:v1")));

        await stack.UpAsync(new UpOptions { OnEvent = e => { lock (events) events.Add(e); } });
        await pushLater;

        var diagnostics = events.OfType<DiagnosticEvent>().Where(d => d.Urn?.EndsWith("::app", StringComparison.Ordinal) == true).Select(d => d.Message).ToList();
        diagnostics.ShouldContain(m => m.Contains("Waiting for app ReplicaSet to be available (0/2 Pods available)"));
        diagnostics.ShouldContain(m => m.Contains("Deployment initialization complete"));

        var broken = DeploymentInputs("registry.local/never:v1", annotations: "\"pulumi.com/timeoutSeconds\": \"6\"");
        var failure = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = Deploy(broken) }));
        failure.Message.ShouldContain("ImagePullBackOff");
        failure.Message.ShouldContain("registry.local/never:v1");
    }

    [Fact]
    public async Task Destroy_WithSkipAwait_DoesNotWaitForTheDeploymentToGo_AndWithoutIt_ItIsGoneWhenDestroyReturns()
    {
        var stack = await StackAsync(Deploy(DeploymentInputs("registry.local/app:v1", annotations: "\"pulumi.com/skipAwait\": \"true\"")));
        var name = ((string)(await stack.UpAsync()).Outputs["id"].Value!)[8..];
        await _cluster.KubectlOkAsync("patch", "deployment", name, "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");

        await stack.DestroyAsync();

        (await _cluster.GetAsync("deployment", name))!["metadata"]!["deletionTimestamp"].ShouldNotBeNull("skipAwait: destroy returned while a finalizer still holds the Deployment");
        await _cluster.KubectlOkAsync("patch", "deployment", name, "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
    }

    [Fact]
    public async Task Secret_DataIsNeverPlaintextInStateOrEvents()
    {
        var events = new List<EngineEvent>();
        var stack = await StackAsync(PulumiFn.Create(() =>
        {
            _ = new KubernetesObject(SecretType, "creds", new KubernetesObjectArgs
            {
                StringData = PropertyValue.Of(PropertyMap.Empty.Set("password", PropertyValue.Secret(PropertyValue.Of("hunter2-plaintext")))),
            });
        }));

        await stack.UpAsync(new UpOptions { OnEvent = e => { lock (events) events.Add(e); } });
        await stack.RefreshAsync(new RefreshOptions { OnEvent = e => { lock (events) events.Add(e); } });

        var state = await File.ReadAllTextAsync(StackFile);
        state.ShouldNotContain("hunter2-plaintext");
        state.ShouldNotContain(Convert.ToBase64String("hunter2-plaintext"u8.ToArray()));
        state.ShouldContain("4dabf18193072939515e22adb298388d", Case.Insensitive, "Pulumi's secret signature marks the encrypted values");
        var stream = string.Join("\n", events.Select(EngineEventJson.Serialize));
        stream.ShouldNotContain("hunter2-plaintext");
        stream.ShouldNotContain(Convert.ToBase64String("hunter2-plaintext"u8.ToArray()));
        (await _cluster.KubectlOkAsync("get", "secrets", "-o", "jsonpath={.items[0].data.password}")).ShouldBe(Convert.ToBase64String("hunter2-plaintext"u8.ToArray()));
    }
}
