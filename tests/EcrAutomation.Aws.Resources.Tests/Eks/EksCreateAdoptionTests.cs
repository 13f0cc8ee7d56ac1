using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Resources.Eks;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Tests.Eks;

/// <summary>
/// The EKS providers adopt what an earlier attempt of the same create made (its result never recorded: the process died
/// or the response was lost) when it matches the inputs, and leave anything else of that name alone. The earlier attempt
/// is made here with the EKS client directly, as the lost call would have made it.
/// </summary>
public sealed class EksCreateAdoptionTests : IAsyncLifetime
{
    private const string ServiceRole = "arn:aws:iam::123456789012:role/eks-service";
    private const string NodeRole = "arn:aws:iam::123456789012:role/eks-nodes";
    private static readonly string[] Subnets = ["subnet-aaaa1111", "subnet-bbbb2222"];
    private readonly LocalCloudStack _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    private async Task<CreateRequest> CheckedAsync(IResourceProvider provider, string type, string name, PropertyMap inputs)
    {
        var urn = $"urn:pulumi:adopt::test::{type}::{name}";
        var check = await provider.CheckAsync(new CheckRequest(urn, type, name, null, inputs, Guid.NewGuid().ToByteArray()) { Config = _cloud.AwsConfig });
        check.Failures.ShouldBeEmpty();
        return new CreateRequest(urn, type, name, check.Inputs, null) { Config = _cloud.AwsConfig };
    }

    private static FindRequest Find(CreateRequest create, PropertyMap? inputs = null) =>
        new(create.Urn, create.Type, create.Name, inputs ?? create.Inputs) { Config = create.Config };

    private static PropertyValue Strings(IEnumerable<string> items) => PropertyValue.Of(items.Select(PropertyValue.Of));

    private static PropertyMap ClusterInputs(string role) => PropertyMap.Empty
        .Set("roleArn", PropertyValue.Of(role))
        .Set("vpcConfig", PropertyValue.Of(PropertyMap.Empty.Set("subnetIds", Strings(Subnets))))
        .Set("tags", PropertyValue.Of(PropertyMap.Empty.Set("team", PropertyValue.Of("web"))));

    private Task<EksClusterResponse> CreateClusterDirectlyAsync(string name, string role) => _cloud.Aws.Eks.CreateClusterAsync(new CreateEksClusterRequest
    {
        Name = name,
        RoleArn = role,
        ResourcesVpcConfig = new VpcConfigRequest { SubnetIds = Subnets },
        Tags = new Dictionary<string, string> { ["team"] = "web" },
    });

    [Fact(Timeout = 300_000)]
    public async Task ClusterNodeGroupAndAddon_InterruptedCreates_AreFoundAndAdopted_OnlyWithTheSameInputs()
    {
        var clusters = new ClusterProvider();
        var clusterRequest = await CheckedAsync(clusters, ClusterProvider.Type, "eks", ClusterInputs(ServiceRole));
        var clusterName = clusterRequest.Inputs.GetString("name")!;
        (await clusters.FindInterruptedCreateAsync(Find(clusterRequest))).ShouldBeNull("nothing was created yet");
        await CreateClusterDirectlyAsync(clusterName, ServiceRole);

        var foundCluster = await clusters.FindInterruptedCreateAsync(Find(clusterRequest));
        foundCluster!.Id.ShouldBe(clusterName);
        foundCluster.Outputs.GetString("status").ShouldBe("ACTIVE");
        foundCluster.Outputs.GetString("endpoint")!.ShouldStartWith("https://");
        (await clusters.FindInterruptedCreateAsync(Find(clusterRequest, ClusterInputs("arn:aws:iam::123456789012:role/other"))))
            .ShouldBeNull("a cluster with another role is not ours");
        (await clusters.CreateAsync(clusterRequest)).Id.ShouldBe(clusterName, "a create that finds its own earlier attempt adopts it");

        var nodeGroups = new NodeGroupProvider();
        var nodeInputs = PropertyMap.Empty.Set("clusterName", PropertyValue.Of(clusterName)).Set("nodeRoleArn", PropertyValue.Of(NodeRole))
            .Set("subnetIds", Strings(Subnets))
            .Set("scalingConfig", PropertyValue.Of(PropertyMap.Empty.Set("desiredSize", PropertyValue.Of(2)).Set("minSize", PropertyValue.Of(1)).Set("maxSize", PropertyValue.Of(2))));
        var nodeRequest = await CheckedAsync(nodeGroups, NodeGroupProvider.Type, "nodes", nodeInputs);
        var nodeGroupName = nodeRequest.Inputs.GetString("nodeGroupName")!;
        await _cloud.Aws.Eks.CreateNodegroupAsync(clusterName, new CreateNodegroupRequest { NodegroupName = nodeGroupName, NodeRole = NodeRole, Subnets = Subnets });

        (await nodeGroups.FindInterruptedCreateAsync(Find(nodeRequest)))!.Id.ShouldBe($"{clusterName}:{nodeGroupName}");
        (await nodeGroups.FindInterruptedCreateAsync(Find(nodeRequest, nodeRequest.Inputs.Set("nodeRoleArn", PropertyValue.Of("arn:aws:iam::123456789012:role/other")))))
            .ShouldBeNull("a node group with another role is not ours");
        (await nodeGroups.CreateAsync(nodeRequest)).Id.ShouldBe($"{clusterName}:{nodeGroupName}");
        (await _cloud.Aws.Eks.ListNodegroupsAsync(clusterName)).ShouldBe([nodeGroupName], "adopted, not created twice");

        var addons = new AddonProvider();
        var addonRequest = await CheckedAsync(addons, AddonProvider.Type, "dns", PropertyMap.Empty
            .Set("clusterName", PropertyValue.Of(clusterName)).Set("addonName", PropertyValue.Of("coredns")).Set("addonVersion", PropertyValue.Of("v1.11.3-eksbuild.1")));
        await _cloud.Aws.Eks.CreateAddonAsync(clusterName, new CreateAddonRequest { AddonName = "coredns", AddonVersion = "v1.11.3-eksbuild.1" });
        (await addons.FindInterruptedCreateAsync(Find(addonRequest)))!.Id.ShouldBe($"{clusterName}:coredns");
        (await addons.FindInterruptedCreateAsync(Find(addonRequest, addonRequest.Inputs.Set("addonVersion", PropertyValue.Of("v1.11.4-eksbuild.2")))))
            .ShouldBeNull("an addon of another version is not ours");
        (await addons.CreateAsync(addonRequest)).Id.ShouldBe($"{clusterName}:coredns");
    }

    [Fact(Timeout = 300_000)]
    public async Task Cluster_NameTakenByAnotherCluster_FailsNamingIt_AndLeavesItAlone()
    {
        await CreateClusterDirectlyAsync("someone-elses", "arn:aws:iam::123456789012:role/other");
        var clusters = new ClusterProvider();
        var request = await CheckedAsync(clusters, ClusterProvider.Type, "taken", ClusterInputs(ServiceRole).Set("name", PropertyValue.Of("someone-elses")));

        var error = await Should.ThrowAsync<ResourceProviderException>(() => clusters.CreateAsync(request));

        error.Message.ShouldContain("Cluster already exists with name: someone-elses");
        error.Message.ShouldContain("left alone");
        (await _cloud.Aws.Eks.DescribeClusterAsync("someone-elses")).Cluster!.RoleArn.ShouldBe("arn:aws:iam::123456789012:role/other");
    }
}
