using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class SemanticsTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _cluster;

    public SemanticsTests(ApiServerFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task Kubectl_apply_computes_strategic_merge_patches_that_remove_fields_and_retain_keys()
    {
        var manifest = _cluster.WriteFile("smp.yaml", KubectlTests.DeploymentAndService("smp"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        var edited = KubectlTests.DeploymentAndService("smp")
            .Replace("  replicas: 2\n", "  replicas: 2\n  strategy:\n    type: Recreate\n", StringComparison.Ordinal)
            .Replace("        env:\n        - name: MODE\n          value: demo\n", string.Empty, StringComparison.Ordinal)
            .Replace("      - name: web\n", "      - name: sidecar\n        image: busybox:1.36\n      - name: web\n", StringComparison.Ordinal);
        var path = _cluster.WriteFile("smp-edited.yaml", edited);

        (await _cluster.KubectlAsync($"apply -f {path}")).EnsureSuccess("apply the edit").StdOut.ShouldContain("configured");

        var live = JsonNode.Parse((await _cluster.KubectlAsync("get deploy smp -o json")).StdOut)!;
        live["spec"]!["strategy"]!["type"]!.GetValue<string>().ShouldBe("Recreate");
        live["spec"]!["strategy"]!["rollingUpdate"].ShouldBeNull();
        var containers = live["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["sidecar", "web"]);
        containers[1]!["env"].ShouldBeNull();
        containers[1]!["ports"]![0]!["containerPort"]!.GetValue<int>().ShouldBe(80);
    }

    [Fact]
    public async Task Kubectl_patch_takes_json_merge_and_strategic_patches()
    {
        var manifest = _cluster.WriteFile("patch.yaml", KubectlTests.DeploymentAndService("patched"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        (await _cluster.KubectlAsync("patch deploy patched --type=json -p [{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":6}]")).EnsureSuccess("json patch");
        (await _cluster.KubectlAsync("patch deploy patched --type=merge -p {\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")).EnsureSuccess("merge patch");
        (await _cluster.KubectlAsync("patch deploy patched -p {\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.30\"}]}}}}")).EnsureSuccess("strategic patch");

        var live = JsonNode.Parse((await _cluster.KubectlAsync("get deploy patched -o json")).StdOut)!;
        live["spec"]!["replicas"]!.GetValue<int>().ShouldBe(6);
        live["metadata"]!["labels"]!["tier"]!.GetValue<string>().ShouldBe("front");
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("nginx:1.30");
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["name"]!.GetValue<string>().ShouldBe("MODE");
    }

    [Fact]
    public async Task Foreground_delete_with_kubectl_waits_for_owned_objects_and_orphan_keeps_them()
    {
        using var client = _cluster.Client();
        var owner = await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("owner"), "default");
        var replicaSet = await client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("owner-rs", owner), "default");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("owner-pod", replicaSet.Metadata.Uid, "ReplicaSet", "owner-rs"), "default");

        (await _cluster.KubectlAsync("delete deploy owner --cascade=foreground")).EnsureSuccess("foreground delete");

        (await client.AppsV1.ListNamespacedReplicaSetAsync("default", fieldSelector: "metadata.name=owner-rs")).Items.ShouldBeEmpty();
        (await client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "metadata.name=owner-pod")).Items.ShouldBeEmpty();

        var kept = await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("keeper"), "default");
        await client.AppsV1.CreateNamespacedReplicaSetAsync(ReplicaSet("keeper-rs", kept), "default");
        (await _cluster.KubectlAsync("delete deploy keeper --cascade=orphan")).EnsureSuccess("orphan delete");
        var orphan = await client.AppsV1.ReadNamespacedReplicaSetAsync("keeper-rs", "default");
        orphan.Metadata.OwnerReferences.ShouldBeNull();
    }

    [Fact]
    public async Task Selectors_chunked_lists_deletecollection_and_dry_run()
    {
        using var client = _cluster.Client();
        for (var i = 0; i < 7; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = $"batch-{i}", Labels = new Dictionary<string, string> { ["group"] = i % 2 == 0 ? "even" : "odd" } },
            }, "default");
        }

        var even = (await _cluster.KubectlAsync("get cm -l group=even -o name --chunk-size=2")).EnsureSuccess("get -l").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var page = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "group", limit: 3);
        var rest = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "group", continueParameter: page.Metadata.ContinueProperty);
        var dryRun = (await _cluster.KubectlAsync($"apply --dry-run=server -f {_cluster.WriteFile("dry.yaml", KubectlTests.DeploymentAndService("dry"))}")).EnsureSuccess("dry run");
        await client.CoreV1.DeleteCollectionNamespacedConfigMapAsync("default", labelSelector: "group=odd");

        even.ShouldBe(["configmap/batch-0", "configmap/batch-2", "configmap/batch-4", "configmap/batch-6"]);
        page.Items.Count.ShouldBe(3);
        rest.Items.Count.ShouldBe(4);
        dryRun.StdOut.ShouldContain("(server dry run)");
        (await _cluster.KubectlAsync("get deploy dry")).ExitCode.ShouldNotBe(0);
        (await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "group")).Items.Select(c => c.Metadata.Name)
            .ShouldBe(["batch-0", "batch-2", "batch-4", "batch-6"]);
    }

    [Fact]
    public async Task Status_changes_only_through_the_status_subresource_and_never_bump_generation()
    {
        using var client = _cluster.Client();
        var created = await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("status-only"), "default");
        created.Status = new V1DeploymentStatus { Replicas = 1, ObservedGeneration = 1 };
        var ignored = await client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "status-only", "default");
        ignored.Status?.Replicas.ShouldBeNull();

        ignored.Status = new V1DeploymentStatus { Replicas = 1, ObservedGeneration = 1 };
        var updated = await client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(ignored, "status-only", "default");

        updated.Status.Replicas.ShouldBe(1);
        updated.Metadata.Generation.ShouldBe(1);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects_and_writes_into_a_missing_namespace_are_404()
    {
        var ns = _cluster.WriteFile("team-a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n");
        (await _cluster.KubectlAsync($"apply -f {ns}")).EnsureSuccess("create namespace");
        var manifest = _cluster.WriteFile("ns.yaml", KubectlTests.DeploymentAndService("in-team"));
        (await _cluster.KubectlAsync($"apply -n team-a -f {manifest}")).EnsureSuccess("apply in namespace");

        (await _cluster.KubectlAsync("delete namespace team-a")).EnsureSuccess("delete namespace");
        var missing = await _cluster.KubectlAsync($"apply -n team-a -f {manifest}");

        _cluster.Server.Store.List(KubernetesResources.Deployments, new Storage.ObjectListOptions { Namespace = "team-a" }).Items.ShouldBeEmpty();
        missing.ExitCode.ShouldNotBe(0);
        missing.StdErr.ShouldContain("namespaces \"team-a\" not found");
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_data_and_kubectl_describe_reads_objects_and_their_events()
    {
        var secret = _cluster.WriteFile("string-data.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: string-data\nstringData:\n  password: hunter2\n");
        (await _cluster.KubectlAsync($"apply -f {secret}")).EnsureSuccess("apply secret");
        var version = (await _cluster.KubectlAsync("get secret string-data -o jsonpath={.metadata.resourceVersion}")).StdOut;
        // Like a real server's: kubectl patches stringData in again, the merged data is the same, so nothing changes.
        (await _cluster.KubectlAsync($"apply -f {secret}")).EnsureSuccess("apply secret again");
        (await _cluster.KubectlAsync("get secret string-data -o jsonpath={.metadata.resourceVersion}")).StdOut.ShouldBe(version);
        var manifest = _cluster.WriteFile("described.yaml", KubectlTests.DeploymentAndService("described"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        using var client = _cluster.Client();
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("described", "default");
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "described.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Deployment", Name = "described", NamespaceProperty = "default", Uid = deployment.Metadata.Uid, ApiVersion = "apps/v1" },
            Reason = "ScalingReplicaSet",
            Message = "Scaled up replica set described-abc to 2",
            Type = "Normal",
            Source = new V1EventSource { Component = "deployment-controller" },
            FirstTimestamp = DateTime.UtcNow,
            LastTimestamp = DateTime.UtcNow,
            Count = 1,
        }, "default");

        var stored = JsonNode.Parse((await _cluster.KubectlAsync("get secret string-data -o json")).StdOut)!;
        var described = (await _cluster.KubectlAsync("describe deploy described")).EnsureSuccess("describe").StdOut;

        stored["stringData"].ShouldBeNull();
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(stored["data"]!["password"]!.GetValue<string>())).ShouldBe("hunter2");
        described.ShouldContain("Selector:");
        described.ShouldContain("app=described");
        described.ShouldContain("nginx:1.27");
        described.ShouldContain("Scaled up replica set described-abc to 2");
    }

    [Fact]
    public async Task An_object_with_a_finalizer_stays_marked_for_deletion_until_the_finalizer_is_removed()
    {
        var manifest = _cluster.WriteFile("held.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers:\n  - example.com/hold\n");
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        (await _cluster.KubectlAsync("delete cm held --wait=false")).EnsureSuccess("delete");
        var marked = JsonNode.Parse((await _cluster.KubectlAsync("get cm held -o json")).EnsureSuccess("get while held").StdOut)!;
        (await _cluster.KubectlAsync("patch cm held --type=merge -p {\"metadata\":{\"finalizers\":null}}")).EnsureSuccess("remove finalizer");

        marked["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        (await _cluster.KubectlAsync("get cm held")).StdErr.ShouldContain("not found");
    }

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
            },
        },
    };

    private static V1ReplicaSet ReplicaSet(string name, V1Deployment owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
        },
        Spec = new V1ReplicaSetSpec { Selector = owner.Spec.Selector, Template = owner.Spec.Template },
    };

    private static V1Pod Pod(string name, string ownerUid, string ownerKind, string ownerName) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = ownerKind, Name = ownerName, Uid = ownerUid, Controller = true }],
        },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
    };
}
