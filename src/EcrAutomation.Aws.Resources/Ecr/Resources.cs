using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ecr;

public sealed class ImageScanningConfigurationArgs : ResourceArgs
{
    [Input("scanOnPush")] public Input<bool>? ScanOnPush { get; set; }
}

public sealed class EncryptionConfigurationArgs : ResourceArgs
{
    [Input("encryptionType")] public Input<string>? EncryptionType { get; set; }
    [Input("kmsKey")] public Input<string>? KmsKey { get; set; }
}

public sealed class ImageTagMutabilityExclusionFilterArgs : ResourceArgs
{
    [Input("filter")] public Input<string>? Filter { get; set; }
    [Input("filterType")] public Input<string>? FilterType { get; set; }
}

/// <summary>Inputs of <see cref="Repository"/> (pulumi-aws names).</summary>
public sealed class RepositoryArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("forceDelete")] public Input<bool>? ForceDelete { get; set; }
    [Input("imageTagMutability")] public Input<string>? ImageTagMutability { get; set; }
    [Input("imageTagMutabilityExclusionFilters")] public InputList<ImageTagMutabilityExclusionFilterArgs>? ImageTagMutabilityExclusionFilters { get; set; }
    [Input("imageScanningConfiguration")] public Input<ImageScanningConfigurationArgs>? ImageScanningConfiguration { get; set; }
    [Input("encryptionConfigurations")] public InputList<EncryptionConfigurationArgs>? EncryptionConfigurations { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>An ECR repository (<c>aws:ecr/repository:Repository</c>).</summary>
public sealed class Repository : CustomResource
{
    public Repository(string name, RepositoryArgs? args = null, CustomResourceOptions? options = null)
        : base(RepositoryProvider.Type, name, args ?? new RepositoryArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> RepositoryName { get; private set; } = null!;
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
    [Output("repositoryUrl")] public Output<string> RepositoryUrl { get; private set; } = null!;
    [Output("imageTagMutability")] public Output<string> ImageTagMutability { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LifecyclePolicy"/>.</summary>
public sealed class LifecyclePolicyArgs : ResourceArgs
{
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    /// <summary>The policy JSON text; it is validated with ECR's rules and stored in canonical form.</summary>
    [Input("policy")] public Input<string>? Policy { get; set; }
}

/// <summary>A repository's lifecycle policy (<c>aws:ecr/lifecyclePolicy:LifecyclePolicy</c>).</summary>
public sealed class LifecyclePolicy : CustomResource
{
    public LifecyclePolicy(string name, LifecyclePolicyArgs args, CustomResourceOptions? options = null)
        : base(LifecyclePolicyProvider.Type, name, args, options) { }

    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RepositoryPolicy"/>.</summary>
public sealed class RepositoryPolicyArgs : ResourceArgs
{
    [Input("repository", required: true)] public Input<string>? Repository { get; set; }
    [Input("policy", required: true)] public Input<string>? Policy { get; set; }
}

/// <summary>A repository's permission policy (<c>aws:ecr/repositoryPolicy:RepositoryPolicy</c>).</summary>
public sealed class RepositoryPolicy : CustomResource
{
    public RepositoryPolicy(string name, RepositoryPolicyArgs args, CustomResourceOptions? options = null)
        : base(RepositoryPolicyProvider.Type, name, args, options) { }

    [Output("repository")] public Output<string> Repository { get; private set; } = null!;
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
}
