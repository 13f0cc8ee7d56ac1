using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>An ECR repository (<c>aws:ecr/repository:Repository</c>).</summary>
[ResourceType(RepositoryProvider.Type)]
public sealed class Repository : CustomResource
{
    /// <summary>Declares the repository; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="RepositoryArgs.Name"/> is set).</summary>
    public Repository(string name, RepositoryArgs? args = null, CustomResourceOptions? options = null)
        : base(RepositoryProvider.Type, name, args ?? new RepositoryArgs(), options) { }

    /// <summary>The repository's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The repository name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> RepositoryName { get; private set; } = null!;
    /// <summary>The registry id: the account that owns the repository.</summary>
    [Output("registryId")] public Output<string> RegistryId { get; private set; } = null!;
    /// <summary>The URL to push and pull images with, <c>&lt;registry&gt;/&lt;name&gt;</c>.</summary>
    [Output("repositoryUrl")] public Output<string> RepositoryUrl { get; private set; } = null!;
    /// <summary><c>MUTABLE</c> or <c>IMMUTABLE</c>, as ECR reports it.</summary>
    [Output("imageTagMutability")] public Output<string> ImageTagMutability { get; private set; } = null!;
    /// <summary>The repository's tags as ECR reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Repository"/> (pulumi-aws names).</summary>
public sealed class RepositoryArgs : ResourceArgs
{
    /// <summary>The repository name (lower case, up to 256 characters, <c>/</c> allowed); unset means the resource name plus a random suffix. Changing it replaces the repository.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Delete the repository even when it still holds images; without it, destroying a repository with images fails and says so.</summary>
    [Input("forceDelete")] public Input<bool>? ForceDelete { get; set; }
    /// <summary><c>MUTABLE</c> (default) or <c>IMMUTABLE</c>, or their <c>_WITH_EXCLUSION</c> forms; updated in place.</summary>
    [Input("imageTagMutability")] public Input<string>? ImageTagMutability { get; set; }
    /// <summary>Tag filters exempt from the mutability setting (with a <c>_WITH_EXCLUSION</c> mutability).</summary>
    [Input("imageTagMutabilityExclusionFilters")] public InputList<ImageTagMutabilityExclusionFilterArgs>? ImageTagMutabilityExclusionFilters { get; set; }
    /// <summary>Image scanning settings; updated in place.</summary>
    [Input("imageScanningConfiguration")] public Input<ImageScanningConfigurationArgs>? ImageScanningConfiguration { get; set; }
    /// <summary>Encryption settings (at most one); ECR fixes them at creation, so changing them replaces the repository.</summary>
    [Input("encryptionConfigurations")] public InputList<EncryptionConfigurationArgs>? EncryptionConfigurations { get; set; }
    /// <summary>Tags to apply to the repository; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>Image scanning settings of a <see cref="Repository"/>.</summary>
public sealed class ImageScanningConfigurationArgs : ResourceArgs
{
    /// <summary>Scan each image for vulnerabilities when it is pushed (default false).</summary>
    [Input("scanOnPush")] public Input<bool>? ScanOnPush { get; set; }
}

/// <summary>How a <see cref="Repository"/> encrypts its images at rest.</summary>
public sealed class EncryptionConfigurationArgs : ResourceArgs
{
    /// <summary><c>AES256</c> (default) or <c>KMS</c>.</summary>
    [Input("encryptionType")] public Input<string>? EncryptionType { get; set; }
    /// <summary>The KMS key ARN, with <c>KMS</c>; unset means the AWS managed key.</summary>
    [Input("kmsKey")] public Input<string>? KmsKey { get; set; }
}

/// <summary>Tags that are exempt from a <see cref="Repository"/>'s tag mutability setting.</summary>
public sealed class ImageTagMutabilityExclusionFilterArgs : ResourceArgs
{
    /// <summary>The tag filter, with <c>*</c> as wildcard (e.g. <c>latest</c> or <c>dev-*</c>).</summary>
    [Input("filter")] public Input<string>? Filter { get; set; }
    /// <summary>The filter type: <c>WILDCARD</c>.</summary>
    [Input("filterType")] public Input<string>? FilterType { get; set; }
}
