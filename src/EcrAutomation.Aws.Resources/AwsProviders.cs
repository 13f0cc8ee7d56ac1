using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>Registers the <c>aws:*</c> resource providers.</summary>
public static class AwsProviders
{
    public static ProviderRegistry Register(ProviderRegistry registry) => registry
        .Add(new RepositoryProvider(), RepositoryProvider.Type)
        .Add(new LifecyclePolicyProvider(), LifecyclePolicyProvider.Type)
        .Add(new RepositoryPolicyProvider(), RepositoryPolicyProvider.Type);
}
