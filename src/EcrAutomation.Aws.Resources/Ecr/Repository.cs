using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ecr;

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
