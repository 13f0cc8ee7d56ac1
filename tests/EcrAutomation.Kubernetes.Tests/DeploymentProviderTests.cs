using EcrAutomation.Providers;
using static EcrAutomation.Kubernetes.Tests.Objects;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>The provider on Deployments, called directly against a local cluster: naming, await, update, replace, delete.</summary>
public sealed class DeploymentProviderTests : IAsyncLifetime
{
    private readonly KubernetesCluster _cluster = new();
    private ProviderHarness _provider = null!;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _provider = new ProviderHarness(_cluster);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Check_WithoutName_AutoNamesEightHexWithAnnotation_AndKeepsTheNameOnUpdate()
    {
        var first = await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("img:1"));

        Str(first, "metadata", "name")!.ShouldMatch("^app-[0-9a-f]{8}$");
        Str(first, "metadata", "annotations", "pulumi.com/autonamed").ShouldBe("true");
        Str(first, "apiVersion").ShouldBe("apps/v1");
        first.GetString("__fieldManager")!.ShouldMatch("^pulumi-kubernetes-[0-9a-f]{8}$");
        (await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("img:1"))).ShouldBe(first, "the same seed gives the same name in preview and up");

        var provider = _provider.Provider;
        var update = await provider.CheckAsync(new CheckRequest(ProviderHarness.Urn(DeploymentType, "app"), DeploymentType, "app", first, DeploymentInputs("img:2"), [1, 2, 3]));
        Str(update.Inputs, "metadata", "name").ShouldBe(Str(first, "metadata", "name"), "an update keeps the auto-name even with another seed");
        update.Inputs.GetString("__fieldManager").ShouldBe(first.GetString("__fieldManager"));
        Str(update.Inputs, "metadata", "annotations", "pulumi.com/autonamed").ShouldBe("true");

        var named = await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("img:1", name: "fixed"));
        Str(named, "metadata", "name").ShouldBe("fixed");
        Str(named, "metadata", "annotations", "pulumi.com/autonamed").ShouldBeNull();
    }

    [Fact]
    public async Task Create_WaitsUntilTheReplicaSetIsAvailable_ReportingProgress_AndRecordsTheLiveObject()
    {
        var pushLater = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            _cluster.Push("registry.local/app:v1");
        });
        var (id, inputs, outputs) = await _provider.CreateAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1"));
        await pushLater;

        var name = Str(inputs, "metadata", "name")!;
        id.ShouldBe("default/" + name);
        Str(outputs, "metadata", "namespace").ShouldBe("default");
        Str(outputs, "metadata", "uid").ShouldNotBeNull();
        At(outputs, "metadata", "managedFields").ShouldBeNull("managed fields stay out of state");
        At(outputs, "status", "availableReplicas")!.AsNumber.ShouldBe(2);
        outputs.GetString("__fieldManager").ShouldBe(inputs.GetString("__fieldManager"));
        _provider.Log.Infos.ShouldContain("Waiting for app ReplicaSet to be available (0/2 Pods available)");
        _provider.Log.Infos.ShouldContain("Deployment initialization complete");
        (await _cluster.KubectlOkAsync("get", "deployment", name, "-o", "jsonpath={.status.readyReplicas}")).ShouldBe("2");
    }

    [Fact]
    public async Task Create_ImageThatCannotBePulled_FailsAtTheTimeoutNamingImagePullBackOffAndTheImage_AndRecordsTheObject()
    {
        var inputs = DeploymentInputs("registry.local/missing:v9", annotations: "\"pulumi.com/timeoutSeconds\": \"8\"");

        var failure = await Should.ThrowAsync<ResourceInitializationException>(() => _provider.CreateAsync(DeploymentType, "broken", inputs));

        failure.Message.ShouldContain("did not become ready");
        failure.Message.ShouldContain("ImagePullBackOff");
        failure.Message.ShouldContain("registry.local/missing:v9");
        failure.Message.ShouldContain("timed out after 00:00:08");
        failure.Id.ShouldStartWith("default/broken-");
        Str(failure.Outputs, "metadata", "uid").ShouldNotBeNull("the created object is recorded, so the next up updates it");
        _provider.Log.Warnings.ShouldContain(w => w.Contains("ImagePullBackOff") && w.Contains("registry.local/missing:v9"));
    }

    [Fact]
    public async Task Create_CustomTimeout_TakesPrecedenceOverTheAnnotation()
    {
        var inputs = DeploymentInputs("registry.local/never:v1", annotations: "\"pulumi.com/timeoutSeconds\": \"600\"");

        var failure = await Should.ThrowAsync<ResourceInitializationException>(() => _provider.CreateAsync(DeploymentType, "slow", inputs, timeout: TimeSpan.FromSeconds(6)));

        failure.Message.ShouldContain("timed out after 00:00:06");
    }

    [Fact]
    public async Task Create_SkipAwait_ReturnsWithoutWaitingForPods()
    {
        var inputs = DeploymentInputs("registry.local/never:v1", annotations: "\"pulumi.com/skipAwait\": \"true\"");

        var (id, _, outputs) = await _provider.CreateAsync(DeploymentType, "skipped", inputs, timeout: TimeSpan.FromSeconds(30));

        id.ShouldStartWith("default/skipped-");
        At(outputs, "status", "availableReplicas").ShouldBeNull();
        _provider.Log.Infos.ShouldNotContain("Deployment initialization complete");
    }
}
