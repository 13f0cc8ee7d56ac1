using EcrAutomation.Providers;
using static EcrAutomation.Kubernetes.Tests.Objects;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>Updates by server-side apply, refresh, drift, replacement and deletion, through the provider directly.</summary>
public sealed class UpdateAndDeleteTests : IAsyncLifetime
{
    private readonly KubernetesCluster _cluster = new();
    private ProviderHarness _provider = null!;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _cluster.Push("registry.local/app:v1");
        _cluster.Push("registry.local/app:v2");
        _provider = new ProviderHarness(_cluster);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Update_AppliesServerSide_RemovesFieldsTheProgramDropped_AndRefreshLeavesNoDiff()
    {
        var program = With(DeploymentInputs("registry.local/app:v1"), PropertyValue.Of("blue"), "metadata", "labels", "color");
        var (id, inputs, outputs) = await _provider.CreateAsync(DeploymentType, "app", program);
        var name = Str(inputs, "metadata", "name")!;

        var next = await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v2"), inputs);
        var diff = await _provider.DiffAsync(DeploymentType, "app", id, inputs, outputs, next);
        diff.Changes.ShouldBeTrue();
        diff.ReplaceKeys.ShouldBeEmpty();
        diff.DetailedDiff.Keys.ShouldBe(["metadata.labels.color", "spec.template.spec.containers[0].image"], ignoreOrder: true);
        diff.DetailedDiff["metadata.labels.color"].ShouldBe(DiffKind.Delete);
        outputs = await _provider.UpdateAsync(DeploymentType, "app", id, inputs, outputs, next);

        (await _cluster.KubectlOkAsync("get", "deployment", name, "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.labels.color} {.status.updatedReplicas}"))
            .ShouldBe("registry.local/app:v2  2", "the image is updated, the dropped label removed, the rollout finished");
        (await _cluster.KubectlOkAsync("get", "deployment", name, "-o", "jsonpath={.metadata.managedFields[*].manager}"))
            .ShouldContain(next.GetString("__fieldManager")!);

        var refreshed = await _provider.ReadAsync(DeploymentType, "app", id, next, outputs);
        refreshed.ShouldNotBeNull();
        At(refreshed.Inputs!, "status").ShouldBeNull();
        var again = await _provider.DiffAsync(DeploymentType, "app", id, refreshed.Inputs!, refreshed.Outputs, next);
        again.Changes.ShouldBeFalse("inputs are compared with inputs, not with the server's defaults: " + string.Join(", ", again.DetailedDiff.Keys));
    }

    [Fact]
    public async Task Refresh_AfterAKubectlChange_ShowsTheDrift_AndUpdateAppliesTheProgramAgain()
    {
        var (id, inputs, outputs) = await _provider.CreateAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1"));
        var name = Str(inputs, "metadata", "name")!;
        await _cluster.KubectlOkAsync("scale", "deployment", name, "--replicas=3");
        await _cluster.KubectlOkAsync("set", "image", $"deployment/{name}", "app=registry.local/app:v2");

        var refreshed = (await _provider.ReadAsync(DeploymentType, "app", id, inputs, outputs))!;
        At(refreshed.Inputs!, "spec", "replicas")!.AsNumber.ShouldBe(3);
        var diff = await _provider.DiffAsync(DeploymentType, "app", id, refreshed.Inputs!, refreshed.Outputs, inputs);
        diff.DetailedDiff.Keys.ShouldBe(["spec.replicas", "spec.template.spec.containers[0].image"], ignoreOrder: true);

        await _provider.UpdateAsync(DeploymentType, "app", id, refreshed.Inputs!, refreshed.Outputs, inputs);

        (await _cluster.KubectlOkAsync("get", "deployment", name, "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}"))
            .ShouldBe("2 registry.local/app:v1");
        _provider.Log.Warnings.ShouldContain(w => w.Contains("fields changed outside this stack") && w.Contains(".spec.replicas"));
    }

    [Fact]
    public async Task Diff_SelectorChange_Replaces_AndAnExplicitNameIsDeletedFirst()
    {
        var (id, inputs, outputs) = await _provider.CreateAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1", app: "one"));

        var autoNamed = await _provider.DiffAsync(DeploymentType, "app", id, inputs, outputs, await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1", app: "two"), inputs));
        autoNamed.ReplaceKeys.ShouldBe(["spec"]);
        autoNamed.DetailedDiff["spec.selector.matchLabels.app"].ShouldBe(DiffKind.UpdateReplace);
        autoNamed.DetailedDiff["spec.template.metadata.labels.app"].ShouldBe(DiffKind.Update);
        autoNamed.DeleteBeforeReplace.ShouldBeFalse("an auto-named object's replacement gets a new name");

        var named = await _provider.CheckAsync(DeploymentType, "fixed", DeploymentInputs("registry.local/app:v1", app: "one", name: "fixed"));
        var namedDiff = await _provider.DiffAsync(DeploymentType, "fixed", "default/fixed", named, PropertyMap.Empty,
            await _provider.CheckAsync(DeploymentType, "fixed", DeploymentInputs("registry.local/app:v1", app: "two", name: "fixed"), named));
        namedDiff.ReplaceKeys.ShouldBe(["spec"]);
        namedDiff.DeleteBeforeReplace.ShouldBeTrue();

        var renamed = await _provider.DiffAsync(DeploymentType, "fixed", "default/fixed", named, PropertyMap.Empty,
            await _provider.CheckAsync(DeploymentType, "fixed", DeploymentInputs("registry.local/app:v1", app: "one", name: "other"), named));
        renamed.DetailedDiff["metadata.name"].ShouldBe(DiffKind.UpdateReplace);
    }

    [Fact]
    public async Task Delete_UsesForegroundPropagation_AndReturnsOnlyWhenTheDeploymentAndItsPodsAreGone()
    {
        var (id, inputs, _) = await _provider.CreateAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1"));
        var name = Str(inputs, "metadata", "name")!;

        await _provider.DeleteAsync(DeploymentType, "app", id, inputs);

        (await _cluster.GetAsync("deployment", name)).ShouldBeNull();
        (await _cluster.KubectlOkAsync("get", "replicasets,pods", "-l", "app=web", "-o", "name")).Trim().ShouldBeEmpty("foreground deletion removes the dependents before the owner");
        await _provider.DeleteAsync(DeploymentType, "app", id, inputs);
    }

    [Fact]
    public async Task Delete_HeldByAFinalizer_WaitsAndFailsAtTheTimeoutNamingTheFinalizer()
    {
        var (id, inputs, _) = await _provider.CreateAsync(ConfigMapType, "held", Inputs("""{ "metadata": { "finalizers": ["example.com/hold"] }, "data": { "a": "1" } }"""));

        var failure = await Should.ThrowAsync<ResourceProviderException>(() => _provider.DeleteAsync(ConfigMapType, "held", id, inputs, timeout: TimeSpan.FromSeconds(3)));

        failure.Message.ShouldContain("was not deleted within 00:00:03");
        failure.Message.ShouldContain("example.com/hold");
        _provider.Log.Infos.ShouldContain(m => m.StartsWith("Waiting for the deletion of ConfigMap", StringComparison.Ordinal));
        await _cluster.KubectlOkAsync("patch", "configmap", id[8..], "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        await _provider.DeleteAsync(ConfigMapType, "held", id, inputs);
        (await _cluster.GetAsync("configmap", id[8..])).ShouldBeNull();
    }
}
