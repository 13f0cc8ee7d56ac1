using System.Net;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Eks;

/// <summary>The local EKS control plane through both AWS CLIs: shapes, status transitions, errors, and a truthful endpoint and CA.</summary>
public sealed class EksControlPlaneTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task CreateCluster_DescribeShowsActiveLoopbackEndpointThatItsCaVerifiesAndThatAcceptsGetToken(string cli)
    {
        var name = $"verify-{cli}";
        var created = (JsonObject)(await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, name, "--tags", "team=a"))["cluster"]!;
        created["status"]!.GetValue<string>().ShouldBe("CREATING");
        created["arn"]!.GetValue<string>().ShouldBe($"arn:aws:eks:us-east-1:123456789012:cluster/{name}");
        created["version"]!.GetValue<string>().ShouldBe("1.32");
        created["tags"]!["team"]!.GetValue<string>().ShouldBe("a");

        var cluster = await EksCluster.DescribeAsync(cli, cloud.Server.Endpoint, name);
        cluster["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        cluster["resourcesVpcConfig"]!["subnetIds"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["subnet-1", "subnet-2"]);
        var endpoint = new Uri(cluster["endpoint"]!.GetValue<string>());
        endpoint.Scheme.ShouldBe("https");
        endpoint.Host.ShouldBe("127.0.0.1");
        var ca = cluster["certificateAuthority"]!["data"]!.GetValue<string>();

        var token = await EksCluster.TokenAsync(cli, cloud.Server.Endpoint, name);
        token.ShouldStartWith("k8s-aws-v1.");
        using (var authenticated = EksCluster.TrustingOnly(ca, token))
        {
            using var version = await authenticated.GetAsync(new Uri(endpoint, "/version"));
            version.StatusCode.ShouldBe(HttpStatusCode.OK, await version.Content.ReadAsStringAsync());
            JsonNode.Parse(await version.Content.ReadAsStringAsync())!["minor"]!.GetValue<string>().ShouldStartWith("32");
        }

        using var anonymous = EksCluster.TrustingOnly(ca);
        using var refused = await anonymous.GetAsync(new Uri(endpoint, "/api/v1/namespaces"));
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var status = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        status["kind"]!.GetValue<string>().ShouldBe("Status");
        status["code"]!.GetValue<int>().ShouldBe(401);

        using var forged = EksCluster.TrustingOnly(ca, "k8s-aws-v1.aHR0cHM6Ly9leGFtcGxlLmNvbS8");
        using var forgedResponse = await forged.GetAsync(new Uri(endpoint, "/version"));
        forgedResponse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var otherCa = (await EksCluster.DescribeAsync(cli, cloud.Server.Endpoint, name))["certificateAuthority"]!["data"]!.GetValue<string>();
        otherCa.ShouldBe(ca);
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task ClusterErrors_AreAwsExceptionsWithAwsMessages(string cli)
    {
        var name = $"errors-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, name);
        var duplicate = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-cluster", "--name", name, "--role-arn", "arn:aws:iam::000000000000:role/eks",
            "--resources-vpc-config", "subnetIds=subnet-1,subnet-2");
        duplicate.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        duplicate.StdErr.ShouldContain($"An error occurred (ResourceInUseException) when calling the CreateCluster operation: Cluster already exists with name: {name}");

        var missing = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "describe-cluster", "--name", "nope");
        missing.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        missing.StdErr.ShouldContain("An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: nope.");

        var version = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-cluster", "--name", $"old-{cli}", "--kubernetes-version", "1.10",
            "--role-arn", "arn:aws:iam::000000000000:role/eks", "--resources-vpc-config", "subnetIds=subnet-1,subnet-2");
        version.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateCluster operation: unsupported Kubernetes version 1.10");

        var oneSubnet = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-cluster", "--name", $"one-subnet-{cli}",
            "--role-arn", "arn:aws:iam::000000000000:role/eks", "--resources-vpc-config", "subnetIds=subnet-1");
        oneSubnet.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateCluster operation: Subnets specified must be in at least two different AZs");

        var badName = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-cluster", "--name", "bad.name",
            "--role-arn", "arn:aws:iam::000000000000:role/eks", "--resources-vpc-config", "subnetIds=subnet-1,subnet-2");
        badName.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateCluster operation: 1 validation error detected: Value 'bad.name' at 'name'");

        var listed = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "list-clusters");
        listed["clusters"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain(name);
        listed["clusters"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldNotContain($"old-{cli}");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task Nodegroups_CreatingThenActive_ScaleAndBlockClusterDeletionUntilDeleted(string cli)
    {
        var cluster = $"ng-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, cluster);
        var created = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "create-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "workers",
            "--subnets", "subnet-1", "subnet-2", "--node-role", "arn:aws:iam::000000000000:role/node", "--instance-types", "t3.large",
            "--scaling-config", "minSize=1,maxSize=3,desiredSize=2", "--labels", "tier=web"))["nodegroup"]!;
        created["status"]!.GetValue<string>().ShouldBe("CREATING");
        created["nodegroupArn"]!.GetValue<string>().ShouldStartWith($"arn:aws:eks:us-east-1:123456789012:nodegroup/{cluster}/workers/");

        var described = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "workers"))["nodegroup"]!;
        described["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        described["scalingConfig"]!["desiredSize"]!.GetValue<int>().ShouldBe(2);
        described["instanceTypes"]![0]!.GetValue<string>().ShouldBe("t3.large");
        (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "list-nodegroups", "--cluster-name", cluster))["nodegroups"]!.AsArray()
            .Select(n => n!.GetValue<string>()).ShouldBe(["workers"]);

        var duplicate = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "workers",
            "--subnets", "subnet-1", "--node-role", "arn:aws:iam::000000000000:role/node");
        duplicate.StdErr.ShouldContain($"(ResourceInUseException) when calling the CreateNodegroup operation: NodeGroup already exists with name workers and cluster name {cluster}");

        var update = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "update-nodegroup-config", "--cluster-name", cluster, "--nodegroup-name", "workers",
            "--scaling-config", "minSize=1,maxSize=3,desiredSize=3"))["update"]!;
        update["type"]!.GetValue<string>().ShouldBe("ConfigUpdate");
        update["status"]!.GetValue<string>().ShouldBe("InProgress");
        var after = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-update", "--name", cluster, "--update-id", update["id"]!.GetValue<string>(),
            "--nodegroup-name", "workers"))["update"]!;
        after["status"]!.GetValue<string>().ShouldBe("Successful");

        var blocked = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "delete-cluster", "--name", cluster);
        blocked.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        blocked.StdErr.ShouldContain("(ResourceInUseException) when calling the DeleteCluster operation: Cluster has nodegroups attached");

        var deleting = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "delete-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "workers"))["nodegroup"]!;
        deleting["status"]!.GetValue<string>().ShouldBe("DELETING");
        var gone = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "describe-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "workers");
        gone.StdErr.ShouldContain("(ResourceNotFoundException) when calling the DescribeNodegroup operation: No node group found for name: workers.");
        (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "delete-cluster", "--name", cluster))["cluster"]!["status"]!.GetValue<string>().ShouldBe("DELETING");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task Addons_VersionsCreateDescribeDelete(string cli)
    {
        var cluster = $"addons-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, cluster);
        var versions = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-addon-versions", "--addon-name", "kube-proxy", "--kubernetes-version", "1.32"))["addons"]!.AsArray();
        var kubeProxy = versions.Single()!;
        var defaultVersion = kubeProxy["addonVersions"]!.AsArray()
            .Single(v => v!["compatibilities"]!.AsArray().Any(c => c!["defaultVersion"]!.GetValue<bool>()))!["addonVersion"]!.GetValue<string>();
        defaultVersion.ShouldBe("v1.32.3-eksbuild.2");

        var created = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "create-addon", "--cluster-name", cluster, "--addon-name", "kube-proxy"))["addon"]!;
        created["status"]!.GetValue<string>().ShouldBe("CREATING");
        created["addonVersion"]!.GetValue<string>().ShouldBe(defaultVersion);
        (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-addon", "--cluster-name", cluster, "--addon-name", "kube-proxy"))["addon"]!["status"]!
            .GetValue<string>().ShouldBe("ACTIVE");

        var unknown = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-addon", "--cluster-name", cluster, "--addon-name", "not-an-addon");
        unknown.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateAddon operation: Addon not-an-addon specified is not supported");

        (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "delete-addon", "--cluster-name", cluster, "--addon-name", "kube-proxy"))["addon"]!["status"]!
            .GetValue<string>().ShouldBe("DELETING");
        var gone = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "describe-addon", "--cluster-name", cluster, "--addon-name", "kube-proxy");
        gone.StdErr.ShouldContain($"(ResourceNotFoundException) when calling the DescribeAddon operation: No addon: kube-proxy found in cluster: {cluster}");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task UpdateClusterVersion_OneMinorAtATime(string cli)
    {
        var cluster = $"upgrade-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, cluster, "--kubernetes-version", "1.31");
        var skip = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "update-cluster-version", "--name", cluster, "--kubernetes-version", "1.33");
        skip.StdErr.ShouldContain("(InvalidParameterException) when calling the UpdateClusterVersion operation: Unsupported Kubernetes minor version update from 1.31 to 1.33");

        var update = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "update-cluster-version", "--name", cluster, "--kubernetes-version", "1.32"))["update"]!;
        update["type"]!.GetValue<string>().ShouldBe("VersionUpdate");
        update["params"]!.AsArray().ShouldContain(p => p!["type"]!.GetValue<string>() == "Version" && p["value"]!.GetValue<string>() == "1.32");
        (await EksCluster.DescribeAsync(cli, cloud.Server.Endpoint, cluster))["version"]!.GetValue<string>().ShouldBe("1.32");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task UpdateAddon_ChangesVersionAndRole_AndIsDescribedAsAnAddonUpdate(string cli)
    {
        var cluster = $"addon-update-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, cluster);
        await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "create-addon", "--cluster-name", cluster, "--addon-name", "coredns", "--addon-version", "v1.11.3-eksbuild.1");

        var update = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "update-addon", "--cluster-name", cluster, "--addon-name", "coredns",
            "--addon-version", "v1.11.4-eksbuild.2", "--service-account-role-arn", "arn:aws:iam::000000000000:role/dns", "--resolve-conflicts", "OVERWRITE"))["update"]!;
        update["type"]!.GetValue<string>().ShouldBe("AddonUpdate");
        update["params"]!.AsArray().ShouldContain(p => p!["type"]!.GetValue<string>() == "AddonVersion" && p["value"]!.GetValue<string>() == "v1.11.4-eksbuild.2");
        var described = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-update", "--name", cluster, "--addon-name", "coredns",
            "--update-id", update["id"]!.GetValue<string>()))["update"]!;
        described["status"]!.GetValue<string>().ShouldBe("Successful");
        var addon = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-addon", "--cluster-name", cluster, "--addon-name", "coredns"))["addon"]!;
        addon["addonVersion"]!.GetValue<string>().ShouldBe("v1.11.4-eksbuild.2");
        addon["serviceAccountRoleArn"]!.GetValue<string>().ShouldBe("arn:aws:iam::000000000000:role/dns");

        var unsupported = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "update-addon", "--cluster-name", cluster, "--addon-name", "coredns", "--addon-version", "v0.0.1");
        unsupported.StdErr.ShouldContain("(InvalidParameterException) when calling the UpdateAddon operation: Addon version specified is not supported");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task Nodegroup_OlderVersionAndTaints_ThenUpdateNodegroupVersionToTheCluster(string cli)
    {
        var cluster = $"ng-version-{cli}";
        await EksCluster.CreateAsync(cli, cloud.Server.Endpoint, cluster, "--kubernetes-version", "1.32");
        var created = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "create-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "old",
            "--node-role", "arn:aws:iam::000000000000:role/nodes", "--subnets", "subnet-1", "--kubernetes-version", "1.31", "--ami-type", "AL2023_x86_64_STANDARD",
            "--taints", "key=dedicated,value=gpu,effect=NO_SCHEDULE"))["nodegroup"]!;
        created["version"]!.GetValue<string>().ShouldBe("1.31");
        created["taints"]!.AsArray().ShouldHaveSingleItem()!["effect"]!.GetValue<string>().ShouldBe("NO_SCHEDULE");
        var newer = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "eks", "create-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "newer",
            "--node-role", "arn:aws:iam::000000000000:role/nodes", "--subnets", "subnet-1", "--kubernetes-version", "1.33");
        newer.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateNodegroup operation: Requested Kubernetes version 1.33 is invalid");

        var update = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "update-nodegroup-version", "--cluster-name", cluster, "--nodegroup-name", "old"))["update"]!;
        update["type"]!.GetValue<string>().ShouldBe("VersionUpdate");
        var nodegroup = (await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "eks", "describe-nodegroup", "--cluster-name", cluster, "--nodegroup-name", "old"))["nodegroup"]!;
        nodegroup["version"]!.GetValue<string>().ShouldBe("1.32", "without a version the nodes move to the cluster's");
        nodegroup["releaseVersion"]!.GetValue<string>().ShouldStartWith("1.32.");
    }
}
