using EcrAutomation.Aws.Resources.CloudWatch;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Providers;
using EksAddonProvider = EcrAutomation.Aws.Resources.Eks.AddonProvider;
using EksClusterProvider = EcrAutomation.Aws.Resources.Eks.ClusterProvider;
using EksNodeGroupProvider = EcrAutomation.Aws.Resources.Eks.NodeGroupProvider;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>Which input changes each provider applies in place and which replace the resource (no cloud needed).</summary>
public sealed class ProviderDiffTests
{
    private static readonly Dictionary<string, Func<IResourceProvider>> Providers = new()
    {
        [RepositoryProvider.Type] = () => new RepositoryProvider(),
        [LifecyclePolicyProvider.Type] = () => new LifecyclePolicyProvider(),
        [RepositoryPolicyProvider.Type] = () => new RepositoryPolicyProvider(),
        [ClusterProvider.Type] = () => new ClusterProvider(),
        [TaskDefinitionProvider.Type] = () => new TaskDefinitionProvider(),
        [ServiceProvider.Type] = () => new ServiceProvider(),
        [RoleProvider.Type] = () => new RoleProvider(),
        [RolePolicyAttachmentProvider.Type] = () => new RolePolicyAttachmentProvider(),
        [RolePolicyProvider.Type] = () => new RolePolicyProvider(),
        [SecurityGroupProvider.Type] = () => new SecurityGroupProvider(),
        [LoadBalancerProvider.Type] = () => new LoadBalancerProvider(),
        [TargetGroupProvider.Type] = () => new TargetGroupProvider(),
        [ListenerProvider.Type] = () => new ListenerProvider(),
        [LogGroupProvider.Type] = () => new LogGroupProvider(),
        [EksClusterProvider.Type] = () => new EksClusterProvider(),
        [EksNodeGroupProvider.Type] = () => new EksNodeGroupProvider(),
        [EksAddonProvider.Type] = () => new EksAddonProvider(),
        [InstanceProfileProvider.Type] = () => new InstanceProfileProvider(),
        [SecurityGroupRuleProvider.Type] = () => new SecurityGroupRuleProvider(),
    };

    private static PropertyValue Scaling(int desired) => PropertyValue.Of(PropertyMap.Empty
        .Set("desiredSize", PropertyValue.Of(desired)).Set("minSize", PropertyValue.Of(1)).Set("maxSize", PropertyValue.Of(4)));

    private static PropertyValue EksVpc(params string[] subnets) => PropertyValue.Of(PropertyMap.Empty.Set("subnetIds", PropertyValue.Of(subnets.Select(PropertyValue.Of))));

    private static Task<DiffResponse> DiffAsync(string type, string key, PropertyValue before, PropertyValue after) =>
        Providers[type]().DiffAsync(new DiffRequest($"urn:pulumi:dev::p::{type}::r", type, "r", "id-1",
            PropertyMap.Empty.Set(key, before), PropertyMap.Empty, PropertyMap.Empty.Set(key, after), []));

    private static PropertyValue Tags(string team) => PropertyValue.Of(PropertyMap.Empty.Set("team", PropertyValue.Of(team)));

    public static TheoryData<string, string, PropertyValue, PropertyValue> Replacing => new()
    {
        { RepositoryProvider.Type, "name", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { RepositoryProvider.Type, "encryptionConfigurations", PropertyValue.Of([]), PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("encryptionType", PropertyValue.Of("KMS")))]) },
        { LifecyclePolicyProvider.Type, "repository", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { RepositoryPolicyProvider.Type, "repository", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { ClusterProvider.Type, "settings", PropertyValue.Of([]), PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("name", PropertyValue.Of("containerInsights")).Set("value", PropertyValue.Of("enabled")))]) },
        { TaskDefinitionProvider.Type, "containerDefinitions", PropertyValue.Of("""[{"image":"a","name":"c"}]"""), PropertyValue.Of("""[{"image":"b","name":"c"}]""") },
        { TaskDefinitionProvider.Type, "cpu", PropertyValue.Of("256"), PropertyValue.Of("512") },
        { ServiceProvider.Type, "cluster", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { ServiceProvider.Type, "launchType", PropertyValue.Of("FARGATE"), PropertyValue.Of("EC2") },
        { RoleProvider.Type, "path", PropertyValue.Of("/"), PropertyValue.Of("/app/") },
        { RoleProvider.Type, "maxSessionDuration", PropertyValue.Of(3600), PropertyValue.Of(7200) },
        { RolePolicyAttachmentProvider.Type, "policyArn", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { RolePolicyProvider.Type, "role", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { SecurityGroupProvider.Type, "description", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { SecurityGroupProvider.Type, "vpcId", PropertyValue.Of("vpc-a"), PropertyValue.Of("vpc-b") },
        { LoadBalancerProvider.Type, "subnets", PropertyValue.Of([PropertyValue.Of("s-1")]), PropertyValue.Of([PropertyValue.Of("s-2")]) },
        { LoadBalancerProvider.Type, "internal", PropertyValue.False, PropertyValue.True },
        { TargetGroupProvider.Type, "port", PropertyValue.Of(80), PropertyValue.Of(8080) },
        { TargetGroupProvider.Type, "protocolVersion", PropertyValue.Of("HTTP1"), PropertyValue.Of("HTTP2") },
        { ListenerProvider.Type, "loadBalancerArn", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { LogGroupProvider.Type, "kmsKeyId", PropertyValue.Of("k-1"), PropertyValue.Of("k-2") },
        { EksClusterProvider.Type, "name", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { EksClusterProvider.Type, "roleArn", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { EksClusterProvider.Type, "vpcConfig", EksVpc("subnet-a", "subnet-b"), EksVpc("subnet-a", "subnet-c") },
        { EksNodeGroupProvider.Type, "clusterName", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { EksNodeGroupProvider.Type, "nodeRoleArn", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { EksNodeGroupProvider.Type, "subnetIds", PropertyValue.Of([PropertyValue.Of("s-1")]), PropertyValue.Of([PropertyValue.Of("s-2")]) },
        { EksNodeGroupProvider.Type, "instanceTypes", PropertyValue.Of([PropertyValue.Of("t3.medium")]), PropertyValue.Of([PropertyValue.Of("t3.large")]) },
        { EksAddonProvider.Type, "addonName", PropertyValue.Of("coredns"), PropertyValue.Of("kube-proxy") },
        { EksAddonProvider.Type, "tags", Tags("a"), Tags("b") },
        { EksClusterProvider.Type, "accessConfig", PropertyValue.Of(PropertyMap.Empty.Set("authenticationMode", PropertyValue.Of("CONFIG_MAP"))), PropertyValue.Of(PropertyMap.Empty.Set("authenticationMode", PropertyValue.Of("API"))) },
        { EksClusterProvider.Type, "bootstrapSelfManagedAddons", PropertyValue.True, PropertyValue.False },
        { EksNodeGroupProvider.Type, "amiType", PropertyValue.Of("AL2023_x86_64_STANDARD"), PropertyValue.Of("AL2023_ARM_64_STANDARD") },
        { EksNodeGroupProvider.Type, "capacityType", PropertyValue.Of("ON_DEMAND"), PropertyValue.Of("SPOT") },
        { EksNodeGroupProvider.Type, "diskSize", PropertyValue.Of(20), PropertyValue.Of(40) },
        { InstanceProfileProvider.Type, "name", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { InstanceProfileProvider.Type, "namePrefix", PropertyValue.Of("a-"), PropertyValue.Of("b-") },
        { InstanceProfileProvider.Type, "path", PropertyValue.Of("/"), PropertyValue.Of("/nodes/") },
        { SecurityGroupRuleProvider.Type, "type", PropertyValue.Of("ingress"), PropertyValue.Of("egress") },
        { SecurityGroupRuleProvider.Type, "securityGroupId", PropertyValue.Of("sg-a"), PropertyValue.Of("sg-b") },
        { SecurityGroupRuleProvider.Type, "protocol", PropertyValue.Of("tcp"), PropertyValue.Of("udp") },
        { SecurityGroupRuleProvider.Type, "fromPort", PropertyValue.Of(443), PropertyValue.Of(80) },
        { SecurityGroupRuleProvider.Type, "toPort", PropertyValue.Of(443), PropertyValue.Of(80) },
        { SecurityGroupRuleProvider.Type, "cidrBlocks", PropertyValue.Of([PropertyValue.Of("10.0.0.0/8")]), PropertyValue.Of([PropertyValue.Of("0.0.0.0/0")]) },
        { SecurityGroupRuleProvider.Type, "sourceSecurityGroupId", PropertyValue.Of("sg-a"), PropertyValue.Of("sg-b") },
        { SecurityGroupRuleProvider.Type, "self", PropertyValue.False, PropertyValue.True },
    };

    [Theory]
    [MemberData(nameof(Replacing))]
    public async Task Diff_ChangeAwsCannotApplyInPlace_ReplacesTheResource(string type, string key, PropertyValue before, PropertyValue after)
    {
        var diff = await DiffAsync(type, key, before, after);
        diff.Changes.ShouldBeTrue();
        diff.ReplaceKeys.ShouldBe([key]);
    }

    public static TheoryData<string, string, PropertyValue, PropertyValue> InPlace => new()
    {
        { RepositoryProvider.Type, "imageTagMutability", PropertyValue.Of("MUTABLE"), PropertyValue.Of("IMMUTABLE") },
        { RepositoryProvider.Type, "tags", Tags("a"), Tags("b") },
        { LifecyclePolicyProvider.Type, "policy", PropertyValue.Of("""{"rules":[]}"""), PropertyValue.Of("""{"rules":[{}]}""") },
        { ClusterProvider.Type, "tags", Tags("a"), Tags("b") },
        { TaskDefinitionProvider.Type, "tags", Tags("a"), Tags("b") },
        { ServiceProvider.Type, "desiredCount", PropertyValue.Of(1), PropertyValue.Of(2) },
        { EksClusterProvider.Type, "version", PropertyValue.Of("1.32"), PropertyValue.Of("1.33") },
        { EksNodeGroupProvider.Type, "scalingConfig", Scaling(2), Scaling(3) },
        { EksNodeGroupProvider.Type, "labels", Tags("a"), Tags("b") },
        { ServiceProvider.Type, "taskDefinition", PropertyValue.Of("arn:td:1"), PropertyValue.Of("arn:td:2") },
        { RoleProvider.Type, "assumeRolePolicy", PropertyValue.Of("""{"Statement":[]}"""), PropertyValue.Of("""{"Statement":[{}]}""") },
        { RolePolicyProvider.Type, "policy", PropertyValue.Of("""{"Statement":[]}"""), PropertyValue.Of("""{"Statement":[{}]}""") },
        { SecurityGroupProvider.Type, "ingress", PropertyValue.Of([]), PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("protocol", PropertyValue.Of("tcp")))]) },
        { LoadBalancerProvider.Type, "idleTimeout", PropertyValue.Of(60), PropertyValue.Of(120) },
        { TargetGroupProvider.Type, "healthCheck", PropertyValue.Of(PropertyMap.Empty.Set("path", PropertyValue.Of("/"))), PropertyValue.Of(PropertyMap.Empty.Set("path", PropertyValue.Of("/health"))) },
        { ListenerProvider.Type, "port", PropertyValue.Of(80), PropertyValue.Of(8080) },
        { LogGroupProvider.Type, "retentionInDays", PropertyValue.Of(7), PropertyValue.Of(30) },
        { EksAddonProvider.Type, "addonVersion", PropertyValue.Of("v1.11.3-eksbuild.1"), PropertyValue.Of("v1.11.4-eksbuild.2") },
        { EksAddonProvider.Type, "serviceAccountRoleArn", PropertyValue.Of("arn:a"), PropertyValue.Of("arn:b") },
        { EksAddonProvider.Type, "configurationValues", PropertyValue.Of("{}"), PropertyValue.Of("""{"replicaCount":3}""") },
        { EksNodeGroupProvider.Type, "version", PropertyValue.Of("1.31"), PropertyValue.Of("1.32") },
        { EksNodeGroupProvider.Type, "taints", PropertyValue.Of([]), PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("key", PropertyValue.Of("k")).Set("effect", PropertyValue.Of("NO_SCHEDULE")))]) },
        { InstanceProfileProvider.Type, "role", PropertyValue.Of("a"), PropertyValue.Of("b") },
        { InstanceProfileProvider.Type, "tags", Tags("a"), Tags("b") },
        { SecurityGroupRuleProvider.Type, "description", PropertyValue.Of("a"), PropertyValue.Of("b") },
    };

    [Theory]
    [MemberData(nameof(InPlace))]
    public async Task Diff_ChangeAwsAppliesInPlace_UpdatesWithoutReplacing(string type, string key, PropertyValue before, PropertyValue after)
    {
        var diff = await DiffAsync(type, key, before, after);
        diff.Changes.ShouldBeTrue();
        diff.ChangedKeys.ShouldBe([key]);
        diff.ReplaceKeys.ShouldBeEmpty();
    }

    public static TheoryData<string, string, PropertyValue, PropertyValue> DeleteOnly => new()
    {
        { LogGroupProvider.Type, "skipDestroy", PropertyValue.False, PropertyValue.True },
        { TaskDefinitionProvider.Type, "skipDestroy", PropertyValue.False, PropertyValue.True },
        { SecurityGroupProvider.Type, "revokeRulesOnDelete", PropertyValue.False, PropertyValue.True },
    };

    [Theory]
    [MemberData(nameof(DeleteOnly))]
    public async Task Diff_SettingOnlyDeleteReads_IsNoChange(string type, string key, PropertyValue before, PropertyValue after) =>
        (await DiffAsync(type, key, before, after)).Changes.ShouldBeFalse();

    [Fact]
    public async Task SecurityGroupDiff_UnsetIngressOrEgress_IsNotManaged_SoSeparateRulesCauseNoDiff()
    {
        var provider = new SecurityGroupProvider();
        var rule = PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("protocol", PropertyValue.Of("tcp")).Set("fromPort", PropertyValue.Of(443)).Set("toPort", PropertyValue.Of(443)))]);
        var refreshed = PropertyMap.Empty.Set("name", PropertyValue.Of("g")).Set("ingress", rule).Set("egress", rule);
        var program = PropertyMap.Empty.Set("name", PropertyValue.Of("g"));
        var request = new DiffRequest("urn:pulumi:dev::p::aws:ec2/securityGroup:SecurityGroup::g", SecurityGroupProvider.Type, "g", "sg-1", refreshed, PropertyMap.Empty, program, []);
        (await provider.DiffAsync(request)).Changes.ShouldBeFalse("rules the program does not declare inline (e.g. SecurityGroupRule resources) are not the group's to manage");
        var declared = await provider.DiffAsync(request with { NewInputs = program.Set("ingress", PropertyValue.Of([])) });
        declared.ChangedKeys.ShouldBe(["ingress"], "a declared (even empty) list is managed exactly");
    }

    [Fact]
    public async Task RepositoryDiff_UnsetMutabilityAndItsDefault_AreTheSame()
    {
        var provider = new RepositoryProvider();
        var unset = PropertyMap.Empty.Set("name", PropertyValue.Of("app"));
        var explicitDefault = unset.Set("imageTagMutability", PropertyValue.Of("MUTABLE"));
        var request = new DiffRequest("urn:pulumi:dev::p::aws:ecr/repository:Repository::app", RepositoryProvider.Type, "app", "app", unset, PropertyMap.Empty, explicitDefault, []);
        (await provider.DiffAsync(request)).Changes.ShouldBeFalse();
        (await provider.DiffAsync(request with { NewInputs = unset.Set("imageTagMutability", PropertyValue.Of("IMMUTABLE")) })).Changes.ShouldBeTrue();
    }
}
