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

namespace EcrAutomation.Aws.Resources;

/// <summary>Registers the <c>aws:*</c> resource providers.</summary>
public static class AwsProviders
{
    /// <summary>Adds the <c>aws:*</c> providers to <paramref name="registry"/>, with <paramref name="options"/> (defaults when null).</summary>
    public static ProviderRegistry Register(ProviderRegistry registry, AwsProviderOptions? options = null) => registry
        .Add(new RepositoryProvider(), RepositoryProvider.Type)
        .Add(new LifecyclePolicyProvider(), LifecyclePolicyProvider.Type)
        .Add(new RepositoryPolicyProvider(), RepositoryPolicyProvider.Type)
        .Add(new ClusterProvider(), ClusterProvider.Type)
        .Add(new TaskDefinitionProvider(), TaskDefinitionProvider.Type)
        .Add(new ServiceProvider(options), ServiceProvider.Type)
        .Add(new RoleProvider(), RoleProvider.Type)
        .Add(new RolePolicyAttachmentProvider(), RolePolicyAttachmentProvider.Type)
        .Add(new RolePolicyProvider(), RolePolicyProvider.Type)
        .Add(new InstanceProfileProvider(), InstanceProfileProvider.Type)
        .Add(new SecurityGroupProvider(), SecurityGroupProvider.Type)
        .Add(new SecurityGroupRuleProvider(), SecurityGroupRuleProvider.Type)
        .Add(new LoadBalancerProvider(), LoadBalancerProvider.Type)
        .Add(new TargetGroupProvider(), TargetGroupProvider.Type)
        .Add(new ListenerProvider(), ListenerProvider.Type)
        .Add(new LogGroupProvider(), LogGroupProvider.Type)
        .Add(new EksClusterProvider(options), EksClusterProvider.Type)
        .Add(new EksNodeGroupProvider(options), EksNodeGroupProvider.Type)
        .Add(new EksAddonProvider(options), EksAddonProvider.Type);
}
