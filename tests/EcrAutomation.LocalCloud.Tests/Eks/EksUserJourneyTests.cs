using System.Net.Sockets;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Eks;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Eks;

/// <summary>
/// The issue's "What a user does", with the real AWS CLIs and kubectl 1.32 against a real local cloud: an EKS cluster
/// whose API server runs images pushed to the local registry.
/// </summary>
public sealed class EksUserJourneyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("eks-journey-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private LocalCloudServer _server = null!;

    private string DataDirectory => Path.Combine(_folder, "data");

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task WhatAUserDoes_CreateClusterUpdateKubeconfigApplyRolloutStatusGet_WorksAsWritten(string cli)
    {
        var image = await PushAsync("my-app", "v1");
        File.WriteAllText(Path.Combine(_folder, "deployment-and-service.yaml"), EksCluster.DeploymentAndService(image));

        (await EksCluster.AwsInAsync(cli, _server.Endpoint, _folder, "eks", "create-cluster", "--name", "demo", "--role-arn", "arn:aws:iam::000000000000:role/eks",
            "--resources-vpc-config", "subnetIds=subnet-1,subnet-2")).EnsureSuccess("create-cluster");
        (await EksCluster.AwsInAsync(cli, _server.Endpoint, _folder, "eks", "update-kubeconfig", "--name", "demo", "--kubeconfig", "./kubeconfig"))
            .EnsureSuccess("update-kubeconfig");

        var applied = (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "deployment-and-service.yaml")).EnsureSuccess("apply").StdOut;
        applied.ShouldContain("deployment.apps/my-app created");
        applied.ShouldContain("service/my-app created");
        var rollout = (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/my-app")).EnsureSuccess("rollout status").StdOut;
        rollout.ShouldContain("deployment \"my-app\" successfully rolled out");

        var table = await EventuallyAsync(
            async () => (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "deploy,rs,pods,svc,endpoints", "-o", "wide")).EnsureSuccess("get").StdOut,
            text => text.Contains(".elb.amazonaws.com", StringComparison.Ordinal) && text.Split('\n').Count(l => l.Contains("Running", StringComparison.Ordinal)) == 2);
        table.ShouldContain("READY");
        table.ShouldContain("EXTERNAL-IP");
        table.ShouldMatch(@"deployment\.apps/my-app\s+2/2\s+2\s+2");
        table.ShouldMatch(@"service/my-app\s+LoadBalancer\s+10\.100\.\d+\.\d+\s+a[0-9a-f]{31}-\d{10}\.us-east-1\.elb\.amazonaws\.com\s+80:3\d{4}/TCP");
        table.ShouldMatch(@"endpoints/my-app\s+192\.168\.\d+\.\d+:8080,192\.168\.\d+\.\d+:8080");

        var again = (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "deployment-and-service.yaml")).EnsureSuccess("second apply").StdOut;
        again.ShouldContain("deployment.apps/my-app unchanged");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "wait", "--for=condition=Available", "deployment/my-app", "--timeout=120s"))
            .EnsureSuccess("wait Available");

        var statuses = (await EksClusterSummary.ListAsync(LocalCloudState.TryRead(DataDirectory)!)).ShouldHaveSingleItem();
        statuses.Name.ShouldBe("demo");
        statuses.Status.ShouldBe("ACTIVE");
        statuses.Endpoint.ShouldBe((await EksCluster.DescribeAsync(cli, _server.Endpoint, "demo"))["endpoint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deployment_WhoseImageIsNotPushed_NeverBecomesAvailableWithImagePullBackOff_AndRollsOutOncePushed()
    {
        await _server.DisposeAsync();
        _server = await StartAsync();
        await CreateClusterAsync("pull");
        var image = $"{_server.RegistryHost}/later:v1";
        File.WriteAllText(Path.Combine(_folder, "later.yaml"), EksCluster.DeploymentAndService(image, name: "later"));
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "later.yaml")).EnsureSuccess("apply");

        var notAvailable = await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "wait", "--for=condition=Available", "deployment/later", "--timeout=5s");
        notAvailable.ExitCode.ShouldNotBe(0);
        var pods = await EventuallyAsync(
            async () => (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "pods", "-l", "app=later")).EnsureSuccess("get pods").StdOut,
            text => text.Split('\n').Count(l => l.Contains("ImagePullBackOff", StringComparison.Ordinal)) == 2);
        pods.ShouldMatch(@"later-[a-z0-9]+-[a-z0-9]{5}\s+0/1\s+ImagePullBackOff");
        var described = JsonNode.Parse((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "deployment", "later", "-o", "json")).StdOut)!;
        described["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Available")!["status"]!.GetValue<string>().ShouldBe("False");

        await PushAsync("later", "v1");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/later", "--timeout=180s")).EnsureSuccess("rollout status");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "wait", "--for=condition=Available", "deployment/later", "--timeout=120s")).EnsureSuccess("wait");
    }

    [Fact]
    public async Task Cluster_SurvivesALocalCloudRestart_SameEndpointCaAndObjects()
    {
        var cluster = await CreateClusterAsync("durable");
        var image = await PushAsync("durable", "v1");
        File.WriteAllText(Path.Combine(_folder, "durable.yaml"), EksCluster.DeploymentAndService(image, name: "durable"));
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "durable.yaml")).EnsureSuccess("apply");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/durable")).EnsureSuccess("rollout status");
        var podsBefore = PodNames((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "pods", "-o", "json")).StdOut);

        await _server.DisposeAsync();
        _server = await StartAsync(_server.Port);

        var after = await EksCluster.DescribeAsync(AwsCli.V1, _server.Endpoint, "durable");
        after["endpoint"]!.GetValue<string>().ShouldBe(cluster["endpoint"]!.GetValue<string>());
        after["certificateAuthority"]!["data"]!.GetValue<string>().ShouldBe(cluster["certificateAuthority"]!["data"]!.GetValue<string>());
        after["status"]!.GetValue<string>().ShouldBe("ACTIVE");

        // The kubeconfig written before the restart still works unmodified.
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/durable")).EnsureSuccess("rollout status after restart");
        PodNames((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "pods", "-o", "json")).StdOut).ShouldBe(podsBefore, ignoreOrder: true);
        var service = JsonNode.Parse((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "svc", "durable", "-o", "json")).StdOut)!;
        service["status"]!["loadBalancer"]!["ingress"]![0]!["hostname"]!.GetValue<string>().ShouldEndWith(".us-east-1.elb.amazonaws.com");
    }

    [Fact]
    public async Task DeleteCluster_StopsItsApiServerAndRemovesItsData()
    {
        var cluster = await CreateClusterAsync("doomed");
        var endpoint = new Uri(cluster["endpoint"]!.GetValue<string>());
        var directory = Path.Combine(DataDirectory, "eks", "doomed");
        Directory.Exists(Path.Combine(directory, "kube")).ShouldBeTrue();

        var deleted = await AwsCli.JsonAsync(AwsCli.V1, _server.Endpoint, "eks", "delete-cluster", "--name", "doomed");
        deleted["cluster"]!["status"]!.GetValue<string>().ShouldBe("DELETING");

        Directory.Exists(directory).ShouldBeFalse();
        using var socket = new TcpClient();
        await Should.ThrowAsync<SocketException>(() => socket.ConnectAsync(endpoint.Host, endpoint.Port));
        var missing = await AwsCli.RunAsync(AwsCli.V1, _server.Endpoint, "eks", "describe-cluster", "--name", "doomed");
        missing.StdErr.ShouldContain("No cluster found for name: doomed.");
        (await EksClusterSummary.ListAsync(LocalCloudState.TryRead(DataDirectory)!)).ShouldBeEmpty();

        await _server.DisposeAsync();
        _server = await StartAsync();
        (await AwsCli.JsonAsync(AwsCli.V1, _server.Endpoint, "eks", "list-clusters"))["clusters"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task KubectlEditedApplyScaleRolloutUndoAndDelete_AreCarriedOutByTheControllers()
    {
        await CreateClusterAsync("rollouts");
        var v1 = await PushAsync("roll", "v1");
        var v2 = await PushAsync("roll", "v2");
        File.WriteAllText(Path.Combine(_folder, "roll.yaml"), EksCluster.DeploymentAndService(v1, name: "roll"));
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "roll.yaml")).EnsureSuccess("apply v1");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/roll")).EnsureSuccess("rollout v1");

        File.WriteAllText(Path.Combine(_folder, "roll.yaml"), EksCluster.DeploymentAndService(v2, name: "roll"));
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "apply", "-f", "roll.yaml")).EnsureSuccess("apply v2").StdOut
            .ShouldContain("deployment.apps/roll configured");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/roll")).EnsureSuccess("rollout v2");
        var sets = JsonNode.Parse((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "rs", "-l", "app=roll", "-o", "json")).StdOut)!["items"]!.AsArray();
        sets.Count.ShouldBe(2);
        sets.Single(s => s!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == v2)!["status"]!["readyReplicas"]!.GetValue<int>().ShouldBe(2);

        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "scale", "deployment/roll", "--replicas=3")).EnsureSuccess("scale");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/roll")).EnsureSuccess("rollout after scale");
        PodNames((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "pods", "-l", "app=roll", "-o", "json")).StdOut).Count.ShouldBe(3);

        var history = (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "history", "deployment/roll")).EnsureSuccess("history").StdOut;
        history.ShouldMatch(@"(?m)^1\s");
        history.ShouldMatch(@"(?m)^2\s");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "undo", "deployment/roll")).EnsureSuccess("undo").StdOut.ShouldContain("rolled back");
        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "rollout", "status", "deployment/roll")).EnsureSuccess("rollout after undo");
        var undone = JsonNode.Parse((await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "deployment", "roll", "-o", "json")).StdOut)!;
        undone["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe(v1);
        undone["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>().ShouldBe("3");

        (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "delete", "deployment", "roll")).EnsureSuccess("delete").StdOut.ShouldContain("deleted");
        await EventuallyAsync(
            async () => (await EksCluster.KubectlAsync(_folder, "--kubeconfig", "./kubeconfig", "get", "rs,pods", "-l", "app=roll", "-o", "name")).EnsureSuccess("get").StdOut,
            text => text.Trim().Length == 0);
    }

    /// <summary>
    /// A local cloud whose pods are recorded, not run: these tests are about the AWS and Kubernetes APIs and the controllers,
    /// with images that hold no program (<see cref="EksPodsTests"/> runs real containers).
    /// </summary>
    private Task<LocalCloudServer> StartAsync(int port = 0)
        => LocalCloudServer.StartAsync(new LocalCloudOptions { Port = port, DataDirectory = DataDirectory, StartMoto = false, RunContainers = false });

    private async Task<JsonObject> CreateClusterAsync(string name)
    {
        await EksCluster.CreateAsync(AwsCli.V1, _server.Endpoint, name);
        (await EksCluster.AwsInAsync(AwsCli.V1, _server.Endpoint, _folder, "eks", "update-kubeconfig", "--name", name, "--kubeconfig", "./kubeconfig"))
            .EnsureSuccess("update-kubeconfig");
        return await EksCluster.DescribeAsync(AwsCli.V1, _server.Endpoint, name);
    }

    /// <summary>Pushes a test image to the local registry and returns its reference as a pod spec names it.</summary>
    private async Task<string> PushAsync(string repository, string tag)
    {
        await LocalCloudFixture.EcrAsync(_server, _http, "CreateRepository", new { repositoryName = repository });
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AWS:" + _server.CreateRegistryPassword()));
        await TestImage.Create($"{repository}:{tag}").PushAsync(_http, _server.Endpoint, basic, repository, tag);
        return $"{_server.RegistryHost}/{repository}:{tag}";
    }

    private static List<string> PodNames(string json)
        => [.. JsonNode.Parse(json)!["items"]!.AsArray().Select(p => p!["metadata"]!["name"]!.GetValue<string>())];

    private static async Task<string> EventuallyAsync(Func<Task<string>> probe, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The condition did not hold in time; last output:\n" + last);
    }
}
