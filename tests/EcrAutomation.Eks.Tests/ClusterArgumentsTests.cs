using System.Text.Json;
using EcrAutomation.Automation;

namespace EcrAutomation.Eks.Tests;

/// <summary>pulumi-eks' arguments that change what the component makes, and arguments it refuses.</summary>
public sealed class ClusterArgumentsTests : IAsyncLifetime
{
    private readonly EksCloud _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    [Fact(Timeout = 300_000)]
    public async Task UnsupportedArgument_FailsThePreviewNamingIt_AndNothingIsCreated()
    {
        var stack = await _cloud.EksStackAsync("unsupported", PulumiFn.Create(() => { _ = new Cluster("eks-cluster", new ClusterArgs { NodeAmiId = "ami-0123456789abcdef0" }); }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain("The eks.Cluster argument 'nodeAmiId' is not supported by this component");
        (await StackState.ReadAsync(stack)).ShouldNotContain(r => r.Type != "pulumi:pulumi:Stack");
        (await EksInventory.ReadAsync(_cloud)).ShouldBeEmpty();
    }

    [Fact(Timeout = 900_000)]
    public async Task SkipDefaultNodeGroup_WithMappingsTagsAndGivenSubnets_MakesNoNodesAndMapsThePrincipals()
    {
        var subnets = (await _cloud.Aws.Ec2.DescribeSubnetsAsync((await _cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId)).Select(s => s.SubnetId).Order(StringComparer.Ordinal).Take(2).ToArray();
        var stack = await _cloud.EksStackAsync("custom", PulumiFn.Create(() =>
        {
            var cluster = new Cluster("custom", new ClusterArgs
            {
                SkipDefaultNodeGroup = true,
                SubnetIds = subnets,
                Version = "1.31",
                Tags = new Dictionary<string, string> { ["team"] = "web", ["env"] = "test" },
                ClusterTags = new Dictionary<string, string> { ["env"] = "overridden-by-tags", ["tier"] = "control" },
                RoleMappings = { new RoleMappingArgs { RoleArn = "arn:aws:iam::123456789012:role/admins", Username = "admin", Groups = { "system:masters" } } },
                UserMappings = { new UserMappingArgs { UserArn = "arn:aws:iam::123456789012:user/alice", Username = "alice", Groups = { "viewers" } } },
            });
            return new Dictionary<string, object?>
            {
                ["clusterName"] = cluster.EksCluster.Name,
                ["kubeconfigJson"] = cluster.KubeconfigJson,
                ["roleKubeconfig"] = cluster.GetKubeconfig(new KubeconfigOptionsArgs { RoleArn = "arn:aws:iam::123456789012:role/deployer" }),
                ["instanceRoleCount"] = cluster.InstanceRoles.Apply(r => r.Length),
                ["hasDefaultNodeGroup"] = cluster.DefaultNodeGroup.Apply(n => n is not null),
                ["subnetIds"] = cluster.Core.Apply(c => c.SubnetIds),
            };
        }));
        var up = await stack.UpAsync();

        var state = await StackState.ReadAsync(stack);
        state.ShouldNotContain(r => r.Type == "aws:eks/nodeGroup:NodeGroup" || r.Type == "aws:iam/instanceProfile:InstanceProfile" || r.Name == "custom-coredns" || r.Name == "custom-instanceRole");
        up.Outputs["instanceRoleCount"].Value.ShouldBe(0);
        up.Outputs["hasDefaultNodeGroup"].Value.ShouldBe(false);
        ((IEnumerable<object?>)up.Outputs["subnetIds"].Value!).Cast<string>().ShouldBe(subnets);

        var clusterName = (string)up.Outputs["clusterName"].Value!;
        var described = JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "describe-cluster", "--name", clusterName)).RootElement.GetProperty("cluster");
        described.GetProperty("version").GetString().ShouldBe("1.31");
        described.GetProperty("resourcesVpcConfig").GetProperty("subnetIds").EnumerateArray().Select(e => e.GetString()).ShouldBe(subnets, ignoreOrder: true);
        JsonSerializer.Deserialize<Dictionary<string, string>>(described.GetProperty("tags").GetRawText())!.ShouldBe(new Dictionary<string, string>
        {
            ["Name"] = "custom-eksCluster", ["team"] = "web", ["env"] = "test", ["tier"] = "control",
        }, ignoreOrder: true);
        JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "list-nodegroups", "--cluster-name", clusterName)).RootElement.GetProperty("nodegroups").GetArrayLength().ShouldBe(0);

        var kubeconfigFile = Path.Combine(_cloud.Root, "custom.json");
        await File.WriteAllTextAsync(kubeconfigFile, (string)up.Outputs["kubeconfigJson"].Value!);
        var awsAuth = JsonDocument.Parse(await ClusterLifecycleTests.KubectlAsync(kubeconfigFile, "get", "configmap", "aws-auth", "-n", "kube-system", "-o", "json")).RootElement.GetProperty("data");
        awsAuth.GetProperty("mapRoles").GetString().ShouldBe("- rolearn: arn:aws:iam::123456789012:role/admins\n  username: admin\n  groups:\n    - system:masters\n");
        awsAuth.GetProperty("mapUsers").GetString().ShouldBe("- userarn: arn:aws:iam::123456789012:user/alice\n  username: alice\n  groups:\n    - viewers\n");
        JsonDocument.Parse(await ClusterLifecycleTests.KubectlAsync(kubeconfigFile, "get", "nodes", "-o", "json")).RootElement.GetProperty("items").GetArrayLength().ShouldBe(0);

        var roleKubeconfig = (string)up.Outputs["roleKubeconfig"].Value!;
        roleKubeconfig.ShouldContain($"\"--cluster-name\",\"{clusterName}\",\"--output\",\"json\",\"--role\",\"arn:aws:iam::123456789012:role/deployer\"]");

        await stack.DestroyAsync();
        (await EksInventory.ReadAsync(_cloud)).ShouldBeEmpty();
    }
}
