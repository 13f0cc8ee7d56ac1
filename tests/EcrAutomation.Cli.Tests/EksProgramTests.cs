using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The seed's EKS step (<c>--program eks</c> and <c>eks-class</c>) through the CLI, as the README walks it: up, a second
/// up that changes nothing, an app/ edit that rolls the Deployment to the new image, destroy. The stack's AWS endpoint is
/// a proxy in front of a local cloud with moto (so the test sees every AWS call the CLI makes); each cluster's API server
/// counts its requests (<c>/metrics</c>); checks go through kubectl (with the kubeconfig from <c>outputs kubeconfig</c>)
/// and the AWS CLI.
/// </summary>
public sealed class EksProgramTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-eks-program-").FullName;
    private LocalCloudServer _cloud = null!;
    private FaultInjectingProxy _proxy = null!;
    private CliRunner _cli = null!;

    private string KubeconfigFile => Path.Combine(_root, "kubeconfig");

    public async Task InitializeAsync()
    {
        FakeAwsEnvironment.ApplyToProcess(); // for kubectl's `aws eks get-token` and the AWS CLI
        _cloud = await InProcessLocalCloud.StartAsync(Path.Combine(_root, "cloud"), runContainers: true);
        _proxy = await FaultInjectingProxy.StartAsync(_cloud.Endpoint);
    }

    private void UseProgram(string program)
    {
        _cli = new CliRunner($"config:\n  aws:region: us-east-1\n  aws:endpoint: {_proxy.Endpoint}\n  docker-build:dockerHubMirror: {_cloud.Endpoint}\n  ecr-automation:program: {program}\n") { Timeout = TimeSpan.FromMinutes(10) };
        DemoApp.CopyTo(_cli.ProjectDir);
    }

    [Fact(Timeout = 1_800_000)]
    public async Task Eks_Up_NoOpWithoutWrites_AppEditRollsOnlyImageAndDeployment_DestroyLeavesNothing()
    {
        UseProgram("eks");

        // up: repository, image, cluster, Deployment, Service; the url output.
        var created = Steps((await RunAsync("up", "--stack", "dev", "--yes", "--json")).Stdout).Where(s => s.Op == "create").Select(s => s.Type).ToList();
        foreach (var type in new[] { "awsx:ecr:Repository", "docker-build:index:Image", "eks:index:Cluster", "aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service" })
            created.ShouldContain(type);
        var url = (await RunAsync("outputs", "url", "--stack", "dev")).Stdout.Trim();
        url.ShouldEndWith(".elb.amazonaws.com");
        await File.WriteAllTextAsync(KubeconfigFile, (await RunAsync("outputs", "kubeconfig", "--stack", "dev")).Stdout);

        // kubectl, with that kubeconfig: 2 pods Running and ready, the Service's EXTERNAL-IP is the url.
        var deployment = JsonDocument.Parse(await KubectlAsync("get", "deployments", "-l", "appClass=my-app", "-o", "json")).RootElement.GetProperty("items").EnumerateArray().Single();
        deployment.GetProperty("status").GetProperty("readyReplicas").GetInt32().ShouldBe(2);
        var pods = await KubectlAsync("get", "pods", "-l", "appClass=my-app", "--no-headers");
        Regex.Matches(pods, @"\s1/1\s+Running\s").Count.ShouldBe(2, pods);
        (await KubectlAsync("get", "services", "-l", "appClass=my-app", "-o", "jsonpath={.items[0].status.loadBalancer.ingress[0].hostname}")).ShouldBe(url);
        var services = await KubectlAsync("get", "services", "-l", "appClass=my-app");
        services.ShouldContain(url, customMessage: "kubectl's EXTERNAL-IP column");
        (await KubectlAsync("get", "services", "-l", "appClass=my-app", "-o", "jsonpath={.items[0].spec.ports[0].targetPort}")).ShouldBe("http");

        // The url serves the demo page from the pods: curl the local cloud with the url as Host (its front door's name).
        var page = await File.ReadAllTextAsync(Path.Combine(_cli.ProjectDir, "app", "www", "index.html"));
        (await CurlAsync(url)).ShouldBe(page);

        // The AWS CLI: the cluster is ACTIVE with one node group of 2 nodes.
        var clusterName = JsonDocument.Parse(await AwsAsync("eks", "list-clusters")).RootElement.GetProperty("clusters").EnumerateArray().Single().GetString()!;
        clusterName.ShouldStartWith("eks-cluster-eksCluster-");
        JsonDocument.Parse(await AwsAsync("eks", "describe-cluster", "--name", clusterName)).RootElement.GetProperty("cluster").GetProperty("status").GetString().ShouldBe("ACTIVE");
        var nodegroup = JsonDocument.Parse(await AwsAsync("eks", "list-nodegroups", "--cluster-name", clusterName)).RootElement.GetProperty("nodegroups").EnumerateArray().Single().GetString()!;
        JsonDocument.Parse(await AwsAsync("eks", "describe-nodegroup", "--cluster-name", clusterName, "--nodegroup-name", nodegroup))
            .RootElement.GetProperty("nodegroup").GetProperty("scalingConfig").GetProperty("desiredSize").GetInt32().ShouldBe(2);

        // A second up: every resource the same, no AWS write, no Kubernetes write.
        var awsCalls = _proxy.Operations.Count;
        var kubernetesWrites = await KubernetesWritesAsync();
        var again = await RunAsync("up", "--stack", "dev", "--yes", "--json");
        Steps(again.Stdout).Select(s => s.Op).Distinct().ShouldBe(["same"]);
        _proxy.Operations.Skip(awsCalls).Where(IsAwsWrite).ShouldBeEmpty("a no-op up makes AWS read calls only");
        (await KubernetesWritesAsync()).ShouldBe(kubernetesWrites, "a no-op up writes nothing to the cluster");

        // An app/ edit: exactly the image and the Deployment change, and the Deployment rolls to a new ReplicaSet.
        var imageBefore = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString();
        File.AppendAllText(Path.Combine(_cli.ProjectDir, "app", "www", "index.html"), "\n<!-- v2 -->\n");
        var edit = await RunAsync("up", "--stack", "dev", "--yes", "--json");
        var changed = Steps(edit.Stdout).Where(s => s.Op != "same").ToList();
        changed.Select(s => (s.Op, s.Type)).Distinct().Order().ShouldBe([("update", "docker-build:index:Image"), ("update", "kubernetes:apps/v1:Deployment")]);
        changed.Single(s => s.Type == "docker-build:index:Image").Urn.ShouldEndWith("::image", Case.Sensitive);
        var rolled = JsonDocument.Parse(await KubectlAsync("get", "deployments", "-l", "appClass=my-app", "-o", "json")).RootElement.GetProperty("items")[0];
        var imageAfter = rolled.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString();
        imageAfter.ShouldNotBe(imageBefore);
        rolled.GetProperty("metadata").GetProperty("annotations").GetProperty("deployment.kubernetes.io/revision").GetString().ShouldBe("2");
        rolled.GetProperty("status").GetProperty("updatedReplicas").GetInt32().ShouldBe(2);
        var replicaSets = JsonDocument.Parse(await KubectlAsync("get", "replicasets", "-l", "appClass=my-app", "-o", "json")).RootElement.GetProperty("items").EnumerateArray()
            .Select(r => (Image: r.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString(), Replicas: r.GetProperty("spec").GetProperty("replicas").GetInt32()))
            .ToList();
        replicaSets.OrderBy(r => r.Replicas).ToList().ShouldBe([(imageBefore, 0), (imageAfter, 2)], "a rolling update: a new ReplicaSet with the new image, the old one scaled to zero");
        (await RunAsync("outputs", "url", "--stack", "dev")).Stdout.Trim().ShouldBe(url, "the Service is untouched");
        var edited = await File.ReadAllTextAsync(Path.Combine(_cli.ProjectDir, "app", "www", "index.html"));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var served = await CurlAsync(url);
        while (served != edited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            served = await CurlAsync(url);
        }

        served.ShouldBe(edited, "the url serves the edited page once the old pods are gone");

        // destroy: no cluster, node group, role, security group, repository or Kubernetes object left.
        var destroy = await RunAsync("destroy", "--stack", "dev", "--yes", "--json");
        var deleted = Steps(destroy.Stdout).Where(s => s.Op == "delete").Select(s => s.Type).ToList();
        deleted.ShouldContain("kubernetes:apps/v1:Deployment");
        deleted.ShouldContain("kubernetes:core/v1:Service");
        deleted.ShouldContain("kubernetes:core/v1:ConfigMap");
        await AssertNothingLeftAsync();
    }

    [Fact(Timeout = 1_800_000)]
    public async Task EksClass_StackClassShape_UpsTheSameResourcesAndOutputs_ThenDestroys()
    {
        UseProgram("eks-class");

        var up = await RunAsync("up", "--stack", "dev", "--yes");
        up.Stdout.ShouldContain("+ 34 created");
        (await RunAsync("outputs", "url", "--stack", "dev")).Stdout.Trim().ShouldEndWith(".elb.amazonaws.com");
        await File.WriteAllTextAsync(KubeconfigFile, (await RunAsync("outputs", "kubeconfig", "--stack", "dev")).Stdout);
        Regex.Matches(await KubectlAsync("get", "pods", "-l", "appClass=my-app", "--no-headers"), @"\s1/1\s+Running\s").Count.ShouldBe(2);

        await RunAsync("destroy", "--stack", "dev", "--yes");
        await AssertNothingLeftAsync();
    }

    private async Task AssertNothingLeftAsync()
    {
        JsonDocument.Parse(await AwsAsync("eks", "list-clusters")).RootElement.GetProperty("clusters").GetArrayLength().ShouldBe(0);
        (await AwsAsync("iam", "list-roles", "--query", "Roles[].RoleName")).ShouldNotContain("eks-cluster");
        (await AwsAsync("iam", "list-instance-profiles", "--query", "InstanceProfiles[].InstanceProfileName")).ShouldNotContain("eks-cluster");
        (await AwsAsync("ec2", "describe-security-groups", "--query", "SecurityGroups[].GroupName")).ShouldNotContain("eks-cluster");
        (await AwsAsync("ecr", "describe-repositories", "--query", "repositories[].repositoryName")).Trim().ShouldBe("[]");
        // The cluster's API server is gone with its objects.
        (await ExternalTool.RunAsync(ExternalTool.Require("kubectl", "kubectl"), ["--kubeconfig", KubeconfigFile, "get", "deployments", "--request-timeout=10s"])).ExitCode.ShouldNotBe(0);
    }

    private async Task<CliRunner.Result> RunAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        result.ExitCode.ShouldBe(0, $"ecr-automation {string.Join(' ', args)}:\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    private static List<(string Op, string Type, string Urn)> Steps(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("resOutputsEvent", out _))
            .Select(e => e.GetProperty("resOutputsEvent").GetProperty("metadata"))
            .Select(m => (m.GetProperty("op").GetString()!, m.GetProperty("type").GetString()!, m.GetProperty("urn").GetString()!))];

    private static bool IsAwsWrite(string operation) =>
        !new[] { "Describe", "List", "Get", "BatchGet", "BatchCheck" }.Any(read => operation.StartsWith(read, StringComparison.Ordinal));

    /// <summary>Writes (not dry runs) the cluster's API server has answered, from its <c>/metrics</c>.</summary>
    private async Task<long> KubernetesWritesAsync() =>
        Regex.Matches(await KubectlAsync("get", "--raw", "/metrics"), @"^apiserver_request_total\{code=""\d+"",dry_run="""",verb=""(POST|PUT|PATCH|DELETE)""\} (\d+)$", RegexOptions.Multiline)
            .Sum(m => long.Parse(m.Groups[2].Value));

    private async Task<string> KubectlAsync(params string[] arguments) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("kubectl", "kubectl"), ["--kubeconfig", KubeconfigFile, "--cache-dir", Path.Combine(_root, "kube-cache"), .. arguments]))
            .EnsureSuccess("kubectl " + string.Join(' ', arguments)).StdOut;

    /// <summary>What <c>curl -H "Host: &lt;hostname&gt;" &lt;local cloud&gt;/</c> prints: the local cloud forwards to the front door of that host name.</summary>
    private async Task<string> CurlAsync(string hostname) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("curl", "curl"), ["-sS", "--fail", "--max-time", "30", "-H", "Host: " + hostname, _cloud.Endpoint.ToString()]))
            .EnsureSuccess("curl " + hostname).StdOut;

    private async Task<string> AwsAsync(params string[] arguments) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("aws", "awscli"), [.. arguments, "--endpoint-url", _cloud.Endpoint.ToString(), "--region", "us-east-1", "--output", "json"]))
            .EnsureSuccess("aws " + string.Join(' ', arguments)).StdOut;

    public async Task DisposeAsync()
    {
        _cli?.Dispose();
        await _proxy.DisposeAsync();
        await _cloud.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
