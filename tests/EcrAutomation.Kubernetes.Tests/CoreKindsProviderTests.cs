using EcrAutomation.Providers;
using static EcrAutomation.Kubernetes.Tests.Objects;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>Services, ConfigMaps and Secrets through the provider directly; existing objects, import and preview.</summary>
public sealed class CoreKindsProviderTests : IAsyncLifetime
{
    private readonly KubernetesCluster _cluster = new();
    private ProviderHarness _provider = null!;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _cluster.Push("registry.local/app:v1");
        _provider = new ProviderHarness(_cluster);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private static PropertyMap LoadBalancer(string app, string? annotations = null) => Inputs($$"""
        {
          "metadata": { "annotations": { {{annotations ?? ""}} } },
          "spec": { "type": "LoadBalancer", "selector": { "app": "{{app}}" }, "ports": [ { "port": 80, "targetPort": "http" } ] }
        }
        """);

    [Fact]
    public async Task Service_LoadBalancer_WaitsForIngressAndEndpoints_AndRecordsTheHostname()
    {
        await _provider.CreateAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1"));

        var (id, _, outputs) = await _provider.CreateAsync(ServiceType, "svc", LoadBalancer("web"));

        id.ShouldStartWith("default/svc-");
        var ingress = At(outputs, "status", "loadBalancer", "ingress")!.AsList.ShouldHaveSingleItem().AsMap;
        ingress.GetString("hostname")!.ShouldEndWith(".elb.amazonaws.com");
        Str(outputs, "spec", "clusterIP").ShouldNotBeNull();
        _provider.Log.Infos.ShouldContain("Service initialization complete");
    }

    [Fact]
    public async Task Service_SelectingNoPods_FailsAtTheTimeoutSayingItTargetsNoPods()
    {
        var failure = await Should.ThrowAsync<ResourceInitializationException>(() =>
            _provider.CreateAsync(ServiceType, "lonely", LoadBalancer("nothing", "\"pulumi.com/timeoutSeconds\": \"4\"")));

        failure.Message.ShouldContain("Service does not target any Pods");
    }

    [Fact]
    public async Task Create_ExistingObjectTheStackDoesNotManage_FailsWithTheHint_ButPatchForceTakesItOver()
    {
        await _cluster.KubectlOkAsync("create", "configmap", "aws-auth", "-n", "kube-system", "--from-literal=mapRoles=old");
        var inputs = Inputs("""{ "metadata": { "name": "aws-auth", "namespace": "kube-system" }, "data": { "mapRoles": "new" } }""");

        var refused = await Should.ThrowAsync<ResourceProviderException>(() => _provider.CreateAsync(ConfigMapType, "aws-auth", inputs));
        refused.Message.ShouldContain("configmaps \"aws-auth\" already exists");
        refused.Message.ShouldContain("ImportId = \"kube-system/aws-auth\"");
        refused.Message.ShouldContain("pulumi.com/patchForce");
        (await _cluster.KubectlOkAsync("get", "configmap", "aws-auth", "-n", "kube-system", "-o", "jsonpath={.data.mapRoles}")).ShouldBe("old");

        var forced = With(inputs, PropertyValue.Of("true"), "metadata", "annotations", "pulumi.com/patchForce");
        var (id, _, outputs) = await _provider.CreateAsync(ConfigMapType, "aws-auth", forced);

        id.ShouldBe("kube-system/aws-auth");
        Str(outputs, "data", "mapRoles").ShouldBe("new");
        (await _cluster.KubectlOkAsync("get", "configmap", "aws-auth", "-n", "kube-system", "-o", "jsonpath={.data.mapRoles}")).ShouldBe("new");
    }

    [Fact]
    public async Task ConfigMap_Immutable_ReplacesOnDataChange_AndAMutableOneUpdatesInPlace()
    {
        var mutable = await _provider.CreateAsync(ConfigMapType, "settings", Inputs("""{ "data": { "a": "1" } }"""));
        var changed = await _provider.CheckAsync(ConfigMapType, "settings", Inputs("""{ "data": { "a": "2" } }"""), mutable.Inputs);
        (await _provider.DiffAsync(ConfigMapType, "settings", mutable.Id, mutable.Inputs, mutable.Outputs, changed)).ReplaceKeys.ShouldBeEmpty();

        var frozen = await _provider.CreateAsync(ConfigMapType, "frozen", Inputs("""{ "immutable": true, "data": { "a": "1" } }"""));
        var frozenChanged = await _provider.CheckAsync(ConfigMapType, "frozen", Inputs("""{ "immutable": true, "data": { "a": "2" } }"""), frozen.Inputs);
        var diff = await _provider.DiffAsync(ConfigMapType, "frozen", frozen.Id, frozen.Inputs, frozen.Outputs, frozenChanged);
        diff.ReplaceKeys.ShouldBe(["data"]);
        diff.DetailedDiff["data.a"].ShouldBe(DiffKind.UpdateReplace);
    }

    [Fact]
    public async Task Secret_DataAndStringData_AreSecretInInputsAndOutputs_AndRefreshKeepsStringData()
    {
        var program = Inputs("""{ "type": "Opaque", "stringData": { "password": "hunter2" }, "data": { "token": "dG9rZW4=" } }""");

        var (id, inputs, outputs) = await _provider.CreateAsync(SecretType, "creds", program);

        inputs["stringData"].IsSecret.ShouldBeTrue();
        inputs["data"].IsSecret.ShouldBeTrue();
        outputs["data"].IsSecret.ShouldBeTrue();
        outputs["data"].Unsecret().AsMap.GetString("password").ShouldBe("aHVudGVyMg==");
        outputs.ToString().ShouldNotContain("aHVudGVyMg==");
        _provider.Log.Infos.Concat(_provider.Log.Warnings).ShouldAllBe(m => !m.Contains("hunter2") && !m.Contains("aHVudGVyMg=="));

        var refreshed = (await _provider.ReadAsync(SecretType, "creds", id, inputs, outputs))!;
        refreshed.Inputs!["stringData"].IsSecret.ShouldBeTrue();
        refreshed.Outputs["data"].IsSecret.ShouldBeTrue();
        var diff = await _provider.DiffAsync(SecretType, "creds", id, refreshed.Inputs, refreshed.Outputs, inputs);
        diff.Changes.ShouldBeFalse(string.Join(", ", diff.DetailedDiff.Keys));
    }

    [Fact]
    public async Task Read_WithoutInputs_ImportsAnExistingDeploymentAsInputsWithoutServerSetFields()
    {
        await _cluster.KubectlOkAsync("create", "deployment", "legacy", "--image=registry.local/app:v1", "--replicas=2");

        var imported = (await _provider.ReadAsync(DeploymentType, "legacy", "default/legacy", null, null))!;

        imported.Id.ShouldBe("default/legacy");
        Str(imported.Outputs, "metadata", "uid").ShouldNotBeNull();
        var inputs = imported.Inputs!;
        At(inputs, "status").ShouldBeNull();
        At(inputs, "metadata", "uid").ShouldBeNull();
        At(inputs, "metadata", "resourceVersion").ShouldBeNull();
        At(inputs, "metadata", "managedFields").ShouldBeNull();
        Str(inputs, "metadata", "name").ShouldBe("legacy");
        At(inputs, "spec", "replicas")!.AsNumber.ShouldBe(2);
        (await _provider.ReadAsync(DeploymentType, "gone", "default/gone", null, null)).ShouldBeNull();
    }

    [Fact]
    public async Task Preview_DryRunsOnTheServer_WithoutCreating_AndUnknownInputsMakeNoCall()
    {
        var inputs = await _provider.CheckAsync(DeploymentType, "app", DeploymentInputs("registry.local/app:v1"));

        var preview = await _provider.PreviewAsync(DeploymentType, "app", null, inputs);

        Str(preview, "spec", "strategy", "type").ShouldBe("RollingUpdate", "the server's defaults are in a dry run's answer");
        preview.ContainsKey("status").ShouldBeFalse("the status is unknown until the controllers run");
        (await _cluster.GetAsync("deployment", Str(inputs, "metadata", "name")!)).ShouldBeNull();

        var invalid = With(inputs, PropertyValue.Of("Not_A_Name"), "metadata", "name");
        (await Should.ThrowAsync<ResourceProviderException>(() => _provider.PreviewAsync(DeploymentType, "app", null, invalid))).Message.ShouldContain("Not_A_Name");

        var unknown = inputs.Set("spec", PropertyValue.Unknown);
        _provider.Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = "/nonexistent/kubeconfig" };
        (await _provider.PreviewAsync(DeploymentType, "app", null, unknown)).ShouldBe(unknown);
        _provider.Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = "04da6b54-80e4-46f7-96ec-b56ff0331ba9" };
        (await _provider.PreviewAsync(DeploymentType, "app", null, inputs)).ShouldBe(inputs, "a kubeconfig not known yet (its cluster is not created) makes no call");
    }

    [Fact]
    public async Task FindInterruptedCreate_FindsTheObjectItsFieldManagerWrote_NeverSomeoneElses()
    {
        var (id, inputs, _) = await _provider.CreateAsync(ConfigMapType, "cfg", Inputs("""{ "data": { "a": "1" } }"""));

        var found = await _provider.FindInterruptedCreateAsync(ConfigMapType, "cfg", inputs);
        found!.Id.ShouldBe(id);

        await _cluster.KubectlOkAsync("create", "configmap", "someone-elses", "--from-literal=a=1");
        var other = With(inputs, PropertyValue.Of("someone-elses"), "metadata", "name");
        (await _provider.FindInterruptedCreateAsync(ConfigMapType, "cfg", other)).ShouldBeNull();
    }

    [Fact]
    public async Task Kubeconfig_AsContents_Works_AndAMissingFileOrContextFailsSayingWhatToSet()
    {
        _provider.Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = await File.ReadAllTextAsync(_cluster.KubeconfigPath), ["kubernetes:namespace"] = "kube-system" };
        var (id, _, _) = await _provider.CreateAsync(ConfigMapType, "from-contents", Inputs("""{ "data": { "a": "1" } }"""));
        id.ShouldStartWith("kube-system/from-contents-");

        var missing = new ProviderHarness(_cluster) { Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = "/nonexistent/kubeconfig" } };
        (await Should.ThrowAsync<ResourceProviderException>(() => missing.CreateAsync(ConfigMapType, "x", Inputs("{}")))).Message
            .ShouldContain("the kubeconfig file '/nonexistent/kubeconfig' does not exist");

        var badContext = new ProviderHarness(_cluster) { Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = _cluster.KubeconfigPath, ["kubernetes:context"] = "nope" } };
        (await Should.ThrowAsync<ResourceProviderException>(() => badContext.CreateAsync(ConfigMapType, "x", Inputs("{}")))).Message
            .ShouldContain("kubernetes:context");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task AwsExecCredential_RunsWithTheStacksAwsCredentials_AndFailsNamingTheCommandWithout()
    {
        // pulumi-eks#669: credentials given as stack config (as the CLI does for the local cloud) never reached
        // `aws eks get-token`. This stand-in `aws` answers only with the stack's credentials in its environment.
        var bin = Directory.CreateTempSubdirectory("ecra-fake-aws-").FullName;
        var aws = Path.Combine(bin, "aws");
        await File.WriteAllTextAsync(aws, $$$"""
            #!/bin/sh
            [ "$AWS_ACCESS_KEY_ID" = "AKIDFROMSTACKCONFIG" ] && [ "$AWS_SECRET_ACCESS_KEY" = "stack-secret" ] || { echo "Unable to locate credentials" >&2; exit 253; }
            echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"{{{KubernetesCluster.Token}}}"}}'
            """);
        File.SetUnixFileMode(aws, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var kubeconfig = (await File.ReadAllTextAsync(_cluster.KubeconfigPath)).Replace($"    token: {KubernetesCluster.Token}", $"""
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: {aws}
                  args: ["--region", "us-east-1", "eks", "get-token", "--cluster-name", "demo", "--output", "json"]
            """, StringComparison.Ordinal);
        kubeconfig.ShouldContain("command: " + aws);

        var withStackCredentials = new ProviderHarness(_cluster) { Config = new Dictionary<string, string>
        {
            ["kubernetes:kubeconfig"] = kubeconfig, ["aws:accessKey"] = "AKIDFROMSTACKCONFIG", ["aws:secretKey"] = "stack-secret",
        } };
        var (id, _, _) = await withStackCredentials.CreateAsync(ConfigMapType, "exec-credentials", Inputs("""{ "data": { "a": "1" } }"""));
        id.ShouldStartWith("default/exec-credentials-");

        var without = new ProviderHarness(_cluster) { Config = new Dictionary<string, string> { ["kubernetes:kubeconfig"] = kubeconfig } };
        var message = (await Should.ThrowAsync<ResourceProviderException>(() => without.CreateAsync(ConfigMapType, "x", Inputs("{}")))).Message;
        message.ShouldContain($"{aws} --region us-east-1 eks get-token");
        message.ShouldContain("aws:accessKey");
        message.ShouldNotContain("kubernetes:context");
    }
}
