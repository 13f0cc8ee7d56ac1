using EcrAutomation.Aws.Resources;
using EcrAutomation.Awsx;
using EcrAutomation.Builtins;
using EcrAutomation.Kubernetes;
using EcrAutomation.Schema;

namespace EcrAutomation.Cli.Programs;

/// <summary>
/// The resource types and functions of every package the CLI ships (random, aws, awsx, docker-build, kubernetes, eks), by
/// Pulumi token: what YAML programs construct and invoke and what <c>ecr-automation schema</c> prints. The one place that
/// lists the packages' assemblies.
/// </summary>
internal static class PackageCatalogs
{
    private static readonly Lazy<ResourceCatalog> LazyResources = new(() => ResourceCatalog.FromAssemblies(
        typeof(RandomProvider).Assembly,
        typeof(AwsProviders).Assembly,
        typeof(AwsxProviders).Assembly,
        typeof(KubernetesProviders).Assembly,
        typeof(Eks.Cluster).Assembly));

    private static readonly Lazy<FunctionCatalog> LazyFunctions = new(() => AwsFunctions.AddTo(new FunctionCatalog()));

    /// <summary>Every resource type the CLI's packages offer.</summary>
    public static ResourceCatalog Resources => LazyResources.Value;

    /// <summary>Every function the CLI's packages offer.</summary>
    public static FunctionCatalog Functions => LazyFunctions.Value;
}
