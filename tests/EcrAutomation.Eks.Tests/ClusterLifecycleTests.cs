using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Testing.Infrastructure;
using k8s;

namespace EcrAutomation.Eks.Tests;

/// <summary>
/// <c>new Cluster("eks-cluster")</c> with no arguments against the local cloud, through its whole life: pulumi-eks'
/// children with their names, types and parents; the outputs; a kubeconfig that kubectl and KubernetesClient use to see the
/// two Ready nodes; the AWS CLI agreeing; a second <c>up</c> that changes and writes nothing; a destroy that removes
/// everything in dependency order.
/// </summary>
public sealed class ClusterLifecycleTests : IAsyncLifetime
{
    private const string Name = "eks-cluster";
    private readonly EksCloud _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    internal static PulumiFn Program() => PulumiFn.Create(() =>
    {
        var cluster = new Cluster(Name);
        return new Dictionary<string, object?>
        {
            ["kubeconfig"] = cluster.Kubeconfig,
            ["kubeconfigJson"] = cluster.KubeconfigJson,
            ["clusterName"] = cluster.EksCluster.Name,
            ["nodeGroupName"] = cluster.DefaultNodeGroup.Apply(n => n!.NodeGroupName),
            ["instanceRoleArn"] = cluster.InstanceRoles.Apply(roles => roles.Single().Arn),
            ["clusterSecurityGroupId"] = cluster.ClusterSecurityGroupId,
            ["nodeSecurityGroupId"] = cluster.NodeSecurityGroupId,
            ["ingressRuleGroup"] = cluster.EksClusterIngressRule.Apply(r => r!.SecurityGroupId),
            ["vpcId"] = cluster.Core.Apply(c => c.VpcId),
            ["subnetIds"] = cluster.Core.Apply(c => c.SubnetIds),
            ["endpoint"] = cluster.Core.Apply(c => c.Endpoint),
            ["coreProvider"] = cluster.Core.Apply(c => c.Provider.Urn),
            ["provider"] = cluster.Provider.Urn,
        };
    });

    /// <summary>pulumi-eks' children of a default cluster: (type, logical name, parent type).</summary>
    internal static readonly (string Type, string Name, string? Parent)[] ExpectedChildren =
    [
        ("eks:index:Cluster", Name, "pulumi:pulumi:Stack"),
        ("eks:index:ServiceRole", $"{Name}-eksRole", "eks:index:Cluster"),
        ("aws:iam/role:Role", $"{Name}-eksRole-role", "eks:index:ServiceRole"),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", $"{Name}-eksRole-4b490823", "eks:index:ServiceRole"),
        ("aws:ec2/securityGroup:SecurityGroup", $"{Name}-eksClusterSecurityGroup", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksClusterInternetEgressRule", "eks:index:Cluster"),
        ("aws:eks/cluster:Cluster", $"{Name}-eksCluster", "eks:index:Cluster"),
        ("aws:eks/addon:Addon", $"{Name}-kube-proxy", "eks:index:Cluster"),
        ("pulumi:providers:kubernetes", $"{Name}-eks-k8s", "eks:index:Cluster"),
        ("eks:index:ServiceRole", $"{Name}-instanceRole", "eks:index:Cluster"),
        ("aws:iam/role:Role", $"{Name}-instanceRole-role", "eks:index:ServiceRole"),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", $"{Name}-instanceRole-03516f97", "eks:index:ServiceRole"),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", $"{Name}-instanceRole-e1b295bd", "eks:index:ServiceRole"),
        ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", $"{Name}-instanceRole-3eb088f2", "eks:index:ServiceRole"),
        ("aws:iam/instanceProfile:InstanceProfile", $"{Name}-instanceProfile", "eks:index:Cluster"),
        ("kubernetes:core/v1:ConfigMap", $"{Name}-nodeAccess", "eks:index:Cluster"),
        ("eks:index:VpcCniAddon", $"{Name}-vpc-cni", "eks:index:Cluster"),
        ("aws:eks/addon:Addon", $"{Name}-vpc-cni", "eks:index:VpcCniAddon"),
        ("aws:ec2/securityGroup:SecurityGroup", $"{Name}-nodeSecurityGroup", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksNodeIngressRule", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksNodeClusterIngressRule", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksExtApiServerClusterIngressRule", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksNodeInternetEgressRule", "eks:index:Cluster"),
        ("aws:ec2/securityGroupRule:SecurityGroupRule", $"{Name}-eksClusterIngressRule", "eks:index:Cluster"),
        ("aws:eks/nodeGroup:NodeGroup", Name, "eks:index:Cluster"),
        ("aws:eks/addon:Addon", $"{Name}-coredns", "eks:index:Cluster"),
    ];

    [Fact(Timeout = 900_000)]
    public async Task DefaultCluster_PreviewUp_HasPulumiEksChildren_KubeconfigWorks_NoOpWritesNothing_DestroyRemovesEverythingInOrder()
    {
        var stack = await _cloud.EksStackAsync("dev", Program());

        // Preview of the new stack: every child to create (the cluster's kubeconfig is not known yet), nothing written.
        var preview = await stack.PreviewAsync();
        preview.ChangeSummary[OperationType.Create].ShouldBe(ExpectedChildren.Length + 1, "the children, the component and the stack");
        _cloud.Proxy.Operations.Where(IsWrite).ShouldBeEmpty();

        var up = await stack.UpAsync();

        // Children: pulumi-eks' names, types and parents, nothing else (besides the stack and the aws default provider).
        var state = await StackState.ReadAsync(stack);
        state.Where(r => r.Type is not ("pulumi:pulumi:Stack" or "pulumi:providers:aws")).Select(r => (r.Type, r.Name, r.ParentType))
            .ShouldBe(ExpectedChildren, ignoreOrder: true);
        state.Single(r => r.Name == $"{Name}-eksRole-role").Urn
            .ShouldBe($"urn:pulumi:dev::eks-tests::eks:index:Cluster$eks:index:ServiceRole$aws:iam/role:Role::{Name}-eksRole-role");
        state.Single(r => r.Type == "kubernetes:core/v1:ConfigMap").Provider
            .ShouldStartWith($"urn:pulumi:dev::eks-tests::eks:index:Cluster$pulumi:providers:kubernetes::{Name}-eks-k8s::", Case.Sensitive, "the aws-auth ConfigMap goes through the cluster's own provider");

        // Outputs.
        var outputs = up.Outputs.ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        outputs["kubeconfig"].ShouldNotBeNull();
        ((string)outputs["clusterName"]!).ShouldStartWith($"{Name}-eksCluster-");
        ((string)outputs["clusterSecurityGroupId"]!).ShouldStartWith("sg-");
        ((string)outputs["nodeSecurityGroupId"]!).ShouldStartWith("sg-");
        outputs["nodeSecurityGroupId"].ShouldNotBe(outputs["clusterSecurityGroupId"]);
        outputs["ingressRuleGroup"].ShouldBe(outputs["clusterSecurityGroupId"], "eksClusterIngressRule opens the cluster security group to the nodes");
        outputs["coreProvider"].ShouldBe(outputs["provider"]);
        var defaultVpc = await _cloud.Aws.Ec2.GetDefaultVpcAsync();
        outputs["vpcId"].ShouldBe(defaultVpc!.VpcId);
        var subnets = (await _cloud.Aws.Ec2.DescribeSubnetsAsync(defaultVpc.VpcId)).Select(s => s.SubnetId).Order(StringComparer.Ordinal).ToList();
        ((IEnumerable<object?>)outputs["subnetIds"]!).Cast<string>().ShouldBe(subnets);
        var component = state.Single(r => r.Type == Cluster.TypeToken).Outputs;
        foreach (var key in new[] { "kubeconfig", "kubeconfigJson", "eksCluster", "core", "clusterSecurityGroup", "nodeSecurityGroup", "eksClusterIngressRule", "instanceRoles", "defaultNodeGroup", "clusterSecurityGroupId", "nodeSecurityGroupId" })
            component.TryGetProperty(key, out _).ShouldBeTrue($"the component registers its output '{key}'");
        component.GetProperty("eksCluster").GetString().ShouldBe(state.Single(r => r.Type == "aws:eks/cluster:Cluster").Urn);

        // The kubeconfig: pulumi-eks' document, not secret, working with kubectl and KubernetesClient.
        var kubeconfigJson = (string)outputs["kubeconfigJson"]!;
        kubeconfigJson.ShouldContain("\"command\":\"aws\"");
        kubeconfigJson.ShouldContain($"\"args\":[\"--region\",\"us-east-1\",\"eks\",\"get-token\",\"--cluster-name\",\"{outputs["clusterName"]}\",\"--output\",\"json\"]");
        up.Outputs["kubeconfigJson"].IsSecret.ShouldBeFalse("the kubeconfig carries no credentials, as in pulumi-eks");
        var kubeconfigFile = Path.Combine(_cloud.Root, "kubeconfig.json");
        await File.WriteAllTextAsync(kubeconfigFile, kubeconfigJson);
        var nodes = JsonDocument.Parse(await KubectlAsync(kubeconfigFile, "get", "nodes", "-o", "json")).RootElement.GetProperty("items").EnumerateArray().ToList();
        nodes.Count.ShouldBe(2);
        foreach (var node in nodes)
        {
            node.GetProperty("status").GetProperty("conditions").EnumerateArray()
                .Single(c => c.GetProperty("type").GetString() == "Ready").GetProperty("status").GetString().ShouldBe("True");
            node.GetProperty("metadata").GetProperty("labels").GetProperty("node.kubernetes.io/instance-type").GetString().ShouldBe("t3.medium");
        }
        using (var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigFile)))
        {
            (await client.CoreV1.ListNodeAsync()).Items.Count.ShouldBe(2);
            var awsAuth = await client.CoreV1.ReadNamespacedConfigMapAsync("aws-auth", "kube-system");
            awsAuth.Metadata.Annotations["pulumi.com/patchForce"].ShouldBe("true");
            awsAuth.Data["mapRoles"].ShouldBe(
                $"- rolearn: {outputs["instanceRoleArn"]}\n  username: system:node:{{{{EC2PrivateDNSName}}}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n");
        }

        // The AWS CLI sees the same cluster and node group.
        var clusterName = (string)outputs["clusterName"]!;
        var described = JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "describe-cluster", "--name", clusterName)).RootElement.GetProperty("cluster");
        described.GetProperty("status").GetString().ShouldBe("ACTIVE");
        described.GetProperty("endpoint").GetString().ShouldBe((string)outputs["endpoint"]!);
        described.GetProperty("tags").GetProperty("Name").GetString().ShouldBe($"{Name}-eksCluster");
        described.GetProperty("resourcesVpcConfig").GetProperty("securityGroupIds").EnumerateArray().Select(e => e.GetString()).ShouldBe([(string)outputs["clusterSecurityGroupId"]!]);
        JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "list-nodegroups", "--cluster-name", clusterName)).RootElement.GetProperty("nodegroups")
            .EnumerateArray().Select(e => e.GetString()).ShouldBe([(string)outputs["nodeGroupName"]!]);
        var nodegroup = JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "describe-nodegroup", "--cluster-name", clusterName, "--nodegroup-name", (string)outputs["nodeGroupName"]!)).RootElement.GetProperty("nodegroup");
        nodegroup.GetProperty("scalingConfig").GetProperty("desiredSize").GetInt32().ShouldBe(2);
        nodegroup.GetProperty("scalingConfig").GetProperty("minSize").GetInt32().ShouldBe(1);
        nodegroup.GetProperty("scalingConfig").GetProperty("maxSize").GetInt32().ShouldBe(2);
        nodegroup.GetProperty("instanceTypes").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t3.medium"]);
        nodegroup.GetProperty("nodeRole").GetString().ShouldBe((string)outputs["instanceRoleArn"]!);
        JsonDocument.Parse(await _cloud.AwsCliAsync("eks", "list-addons", "--cluster-name", clusterName)).RootElement.GetProperty("addons")
            .EnumerateArray().Select(e => e.GetString()).ShouldBe(["coredns", "kube-proxy", "vpc-cni"], ignoreOrder: true);

        // A second up: every resource the same, and no AWS or Kubernetes write.
        var awsAuthVersion = await AwsAuthResourceVersionAsync(kubeconfigFile);
        var callsBefore = _cloud.Proxy.Operations.Count;
        var noOp = await stack.UpAsync();
        noOp.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        var calls = _cloud.Proxy.Operations.Skip(callsBefore).ToList();
        calls.Where(IsWrite).ShouldBeEmpty("a no-op up makes read calls only");
        (await AwsAuthResourceVersionAsync(kubeconfigFile)).ShouldBe(awsAuthVersion, "a no-op up does not write to the cluster");

        // Destroy: dependents first, and nothing left in the cloud.
        var log = new EventLog();
        await stack.DestroyAsync(new DestroyOptions { OnEvent = log.Handler });
        var deleted = log.Steps(OperationType.Delete).Select(s => Urns.Type(s.Urn) + "::" + Urns.Name(s.Urn)).ToList();
        void Before(string first, string then) => deleted.IndexOf(first).ShouldBeLessThan(deleted.IndexOf(then), $"{first} is deleted before {then}: {string.Join(", ", deleted)}");
        deleted.ShouldContain($"aws:eks/cluster:Cluster::{Name}-eksCluster");
        Before($"aws:eks/nodeGroup:NodeGroup::{Name}", $"kubernetes:core/v1:ConfigMap::{Name}-nodeAccess");
        Before($"kubernetes:core/v1:ConfigMap::{Name}-nodeAccess", $"aws:eks/cluster:Cluster::{Name}-eksCluster");
        Before($"aws:eks/nodeGroup:NodeGroup::{Name}", $"aws:eks/cluster:Cluster::{Name}-eksCluster");
        Before($"aws:eks/addon:Addon::{Name}-coredns", $"aws:eks/cluster:Cluster::{Name}-eksCluster");
        Before($"aws:eks/cluster:Cluster::{Name}-eksCluster", $"aws:iam/role:Role::{Name}-eksRole-role");
        Before($"aws:iam/rolePolicyAttachment:RolePolicyAttachment::{Name}-eksRole-4b490823", $"aws:iam/role:Role::{Name}-eksRole-role");
        Before($"aws:iam/instanceProfile:InstanceProfile::{Name}-instanceProfile", $"aws:iam/role:Role::{Name}-instanceRole-role");
        Before($"aws:ec2/securityGroupRule:SecurityGroupRule::{Name}-eksClusterIngressRule", $"aws:ec2/securityGroup:SecurityGroup::{Name}-nodeSecurityGroup");
        Before($"aws:ec2/securityGroupRule:SecurityGroupRule::{Name}-eksClusterIngressRule", $"aws:ec2/securityGroup:SecurityGroup::{Name}-eksClusterSecurityGroup");
        Before($"aws:eks/cluster:Cluster::{Name}-eksCluster", $"aws:ec2/securityGroup:SecurityGroup::{Name}-eksClusterSecurityGroup");
        (await StackState.ReadAsync(stack)).ShouldBeEmpty();
        (await EksInventory.ReadAsync(_cloud)).ShouldBeEmpty();
    }

    internal static bool IsWrite(string operation) =>
        !(operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Get", StringComparison.Ordinal));

    internal static async Task<string> KubectlAsync(string kubeconfigFile, params string[] arguments) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("kubectl", "kubectl"), ["--kubeconfig", kubeconfigFile, .. arguments]))
            .EnsureSuccess("kubectl " + string.Join(' ', arguments)).StdOut;

    private static async Task<string> AwsAuthResourceVersionAsync(string kubeconfigFile) =>
        JsonDocument.Parse(await KubectlAsync(kubeconfigFile, "get", "configmap", "aws-auth", "-n", "kube-system", "-o", "json"))
            .RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString()!;
}
