using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class KubectlTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _cluster;

    public KubectlTests(ApiServerFixture cluster) => _cluster = cluster;

    internal static string DeploymentAndService(string name, string image = "nginx:1.27", int replicas = 2) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 80
                env:
                - name: MODE
                  value: demo
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          type: LoadBalancer
          selector:
            app: {name}
          ports:
          - port: 80
            targetPort: 80
        """;

    [Fact]
    public async Task Kubectl_version_and_api_resources_discover_the_served_kinds_with_short_names()
    {
        var version = await _cluster.KubectlAsync("version -o json");
        version.EnsureSuccess("kubectl version");
        version.StdOut.ShouldContain("\"minor\": \"32\"");

        var resources = (await _cluster.KubectlAsync("api-resources")).EnsureSuccess("kubectl api-resources").StdOut;
        resources.ShouldContain("deploy");
        resources.ShouldContain("svc");
        resources.ShouldContain("replicasets");
        resources.ShouldContain("endpointslices");
        (await _cluster.KubectlAsync("get ns")).EnsureSuccess("get ns").StdOut.ShouldContain("kube-system");
    }

    [Fact]
    public async Task Kubectl_apply_twice_reports_created_then_unchanged_and_after_an_edit_configured()
    {
        var manifest = _cluster.WriteFile("apply-twice.yaml", DeploymentAndService("twice"));

        var first = (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("first apply").StdOut;
        var second = (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("second apply").StdOut;
        var edited = _cluster.WriteFile("apply-twice-edited.yaml", DeploymentAndService("twice", image: "nginx:1.28", replicas: 3));
        var third = (await _cluster.KubectlAsync($"apply -f {edited}")).EnsureSuccess("apply after edit").StdOut;

        first.ShouldContain("deployment.apps/twice created");
        first.ShouldContain("service/twice created");
        second.ShouldContain("deployment.apps/twice unchanged");
        second.ShouldContain("service/twice unchanged");
        third.ShouldContain("deployment.apps/twice configured");
        var live = JsonNode.Parse((await _cluster.KubectlAsync("get deploy twice -o json")).EnsureSuccess("get").StdOut)!;
        live["spec"]!["replicas"]!.GetValue<int>().ShouldBe(3);
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("nginx:1.28");
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["value"]!.GetValue<string>().ShouldBe("demo");
        live["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Kubectl_get_prints_a_real_servers_columns()
    {
        var manifest = _cluster.WriteFile("columns.yaml", DeploymentAndService("columns"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        var table = (await _cluster.KubectlAsync("get deploy,svc -o wide")).EnsureSuccess("get").StdOut;

        table.ShouldContain("READY");
        table.ShouldContain("UP-TO-DATE");
        table.ShouldContain("AVAILABLE");
        table.ShouldContain("IMAGES");
        table.ShouldContain("EXTERNAL-IP");
        table.ShouldContain("CLUSTER-IP");
        table.ShouldContain("80:3");
        table.ShouldContain("<pending>");
        table.ShouldContain("nginx:1.27");
    }

    [Fact]
    public async Task Kubectl_get_yaml_round_trips_through_apply()
    {
        var manifest = _cluster.WriteFile("roundtrip.yaml", DeploymentAndService("roundtrip"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        var yaml = (await _cluster.KubectlAsync("get deploy roundtrip -o yaml --show-managed-fields")).EnsureSuccess("get -o yaml").StdOut;
        var saved = _cluster.WriteFile("roundtrip-live.yaml", yaml);

        var reapplied = (await _cluster.KubectlAsync($"apply -f {saved}")).EnsureSuccess("apply the live yaml");

        yaml.ShouldContain("uid:");
        yaml.ShouldContain("creationTimestamp:");
        yaml.ShouldContain("managedFields:");
        reapplied.StdOut.ShouldContain("deployment.apps/roundtrip");
    }

    [Fact]
    public async Task Kubectl_delete_waits_until_the_object_is_gone()
    {
        var manifest = _cluster.WriteFile("delete.yaml", DeploymentAndService("deleted"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        var dryRun = (await _cluster.KubectlAsync($"delete -f {manifest} --dry-run=server")).EnsureSuccess("dry-run delete").StdOut;
        (await _cluster.KubectlAsync("get deploy deleted")).EnsureSuccess("get after a dry-run delete");
        var deleted = (await _cluster.KubectlAsync($"delete -f {manifest}")).EnsureSuccess("delete").StdOut;
        var after = await _cluster.KubectlAsync("get deploy deleted");

        deleted.ShouldContain("deployment.apps \"deleted\" deleted");
        dryRun.ShouldContain("(server dry run)");
        after.ExitCode.ShouldNotBe(0);
        after.StdErr.ShouldContain("deployments.apps \"deleted\" not found");
    }

    [Fact]
    public async Task Kubectl_scale_changes_replicas_through_the_scale_subresource()
    {
        var manifest = _cluster.WriteFile("scale.yaml", DeploymentAndService("scaled"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        (await _cluster.KubectlAsync("scale deploy scaled --replicas=5")).EnsureSuccess("scale").StdOut.ShouldContain("scaled");

        (await _cluster.KubectlAsync("get deploy scaled -o jsonpath={.spec.replicas}")).EnsureSuccess("get").StdOut.ShouldBe("5");
    }

    [Fact]
    public async Task Kubectl_apply_server_side_creates_then_reports_conflicts_with_another_manager_unless_forced()
    {
        var manifest = _cluster.WriteFile("ssa.yaml", DeploymentAndService("ssa"));
        (await _cluster.KubectlAsync($"apply --server-side -f {manifest}")).EnsureSuccess("server-side apply").StdOut.ShouldContain("deployment.apps/ssa serverside-applied");
        (await _cluster.KubectlAsync($"apply --server-side -f {manifest}")).EnsureSuccess("second server-side apply");
        var other = _cluster.WriteFile("ssa-other.yaml", DeploymentAndService("ssa", replicas: 7));

        var conflict = await _cluster.KubectlAsync($"apply --server-side --field-manager=other -f {other}");
        var forced = await _cluster.KubectlAsync($"apply --server-side --field-manager=other --force-conflicts -f {other}");

        conflict.ExitCode.ShouldNotBe(0);
        conflict.StdErr.ShouldContain("conflict");
        conflict.StdErr.ShouldContain(".spec.replicas");
        forced.EnsureSuccess("forced apply");
        (await _cluster.KubectlAsync("get deploy ssa -o jsonpath={.spec.replicas}")).StdOut.ShouldBe("7");
    }

    [Fact]
    public async Task Kubectl_apply_server_side_again_keeps_the_labels_and_field_ownership_it_applied()
    {
        var first = _cluster.WriteFile("reapply.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: reapplied\n  labels:\n    team: a\ndata:\n  k: v1\n");
        (await _cluster.KubectlAsync($"apply --server-side -f {first}")).EnsureSuccess("server-side apply");
        var second = _cluster.WriteFile("reapply-2.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: reapplied\n  labels:\n    team: a\ndata:\n  k: v2\n");

        (await _cluster.KubectlAsync($"apply --server-side -f {second}")).EnsureSuccess("second server-side apply");

        (await _cluster.KubectlAsync("get configmap reapplied -o jsonpath={.metadata.labels.team},{.data.k},{.metadata.managedFields[*].manager}"))
            .StdOut.ShouldBe("a,v2,kubectl");
    }

    [Fact]
    public async Task Kubectl_apply_server_side_takes_over_an_object_applied_client_side_without_conflicts()
    {
        var manifest = _cluster.WriteFile("migrate.yaml", DeploymentAndService("migrated"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("client-side apply");
        var edited = _cluster.WriteFile("migrate-edited.yaml", DeploymentAndService("migrated", replicas: 4));

        var serverSide = await _cluster.KubectlAsync($"apply --server-side -f {edited}");

        serverSide.EnsureSuccess("server-side apply after client-side apply").StdOut.ShouldContain("serverside-applied");
        (await _cluster.KubectlAsync("get deploy migrated -o jsonpath={.spec.replicas}")).StdOut.ShouldBe("4");
    }

    [Fact]
    public async Task Kubectl_diff_shows_the_change_an_apply_would_make()
    {
        var manifest = _cluster.WriteFile("diff.yaml", DeploymentAndService("diffed"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        var edited = _cluster.WriteFile("diff-edited.yaml", DeploymentAndService("diffed", image: "nginx:1.29"));

        var same = await _cluster.KubectlAsync($"diff -f {manifest}");
        var diff = await _cluster.KubectlAsync($"diff -f {edited}");

        same.ExitCode.ShouldBe(0, same.StdErr);
        diff.ExitCode.ShouldBe(1, diff.StdErr);
        diff.StdOut.ShouldContain("+        image: nginx:1.29");
        (await _cluster.KubectlAsync("get deploy diffed -o jsonpath={.spec.template.spec.containers[0].image}")).StdOut.ShouldBe("nginx:1.27");
    }

    [Fact]
    public async Task Bad_input_gets_the_answers_a_real_server_gives()
    {
        var badName = _cluster.WriteFile("bad-name.yaml", DeploymentAndService("Bad_Name"));
        var unknownField = _cluster.WriteFile("unknown-field.yaml", DeploymentAndService("strict").Replace("replicas: 2", "replicas: 2\n  replica: 3", StringComparison.Ordinal));
        var mismatch = _cluster.WriteFile("mismatch.yaml", DeploymentAndService("mismatch").Replace("      labels:\n        app: mismatch", "      labels:\n        app: other", StringComparison.Ordinal));

        var name = await _cluster.KubectlAsync($"apply -f {badName}");
        var strict = await _cluster.KubectlAsync($"apply -f {unknownField}");
        var selector = await _cluster.KubectlAsync($"apply -f {mismatch}");
        var missing = await _cluster.KubectlAsync("get deploy does-not-exist");
        var unknownKind = await _cluster.KubectlAsync("get --raw /apis/apps/v1/namespaces/default/statefulsets");

        name.StdErr.ShouldContain("is invalid: metadata.name");
        strict.StdErr.ShouldContain("unknown field \"spec.replica\"");
        selector.StdErr.ShouldContain("`selector` does not match template `labels`");
        missing.StdErr.ShouldContain("deployments.apps \"does-not-exist\" not found");
        unknownKind.StdErr.ShouldContain("NotFound");
    }
}
