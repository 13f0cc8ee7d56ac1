using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Lifecycle;
using EcrAutomation.Lifecycle.Awsx;
using AwsEcr = EcrAutomation.Aws.Resources.Ecr;

namespace EcrAutomation.Awsx.Ecr;

/// <summary>One rule of a Crosswalk lifecycle policy (awsx's <c>lifecyclePolicyRule</c>).</summary>
public sealed class LifecyclePolicyRuleArgs
{
    /// <summary><c>any</c>, <c>untagged</c> or <c>tagged</c>.</summary>
    public required string TagStatus { get; init; }
    /// <summary>Tag prefixes the rule applies to, with <c>tagged</c>.</summary>
    public IReadOnlyList<string>? TagPrefixList { get; init; }
    /// <summary>Wildcard patterns (<c>*</c>), an ECR feature awsx lacks.</summary>
    public IReadOnlyList<string>? TagPatternList { get; init; }
    /// <summary>Keep at most this many images matching the rule; older ones expire. Exactly one of this and <see cref="MaximumAgeLimit"/>.</summary>
    public int? MaximumNumberOfImages { get; init; }
    /// <summary>Days since push.</summary>
    public int? MaximumAgeLimit { get; init; }
    /// <summary>A description of the rule, shown in ECR.</summary>
    public string? Description { get; init; }
}

/// <summary>The lifecycle policy of a Crosswalk repository.</summary>
public sealed class LifecyclePolicyArgs
{
    /// <summary>The rules; null means awsx's default ("remove untagged images": keep at most 1 untagged image).</summary>
    public IReadOnlyList<LifecyclePolicyRuleArgs>? Rules { get; init; }
    /// <summary>Create no lifecycle policy at all.</summary>
    public bool Skip { get; init; }
}

/// <summary>Inputs of the Crosswalk <see cref="Repository"/>: the aws repository's inputs plus <see cref="LifecyclePolicy"/>.</summary>
public sealed class RepositoryArgs
{
    /// <summary>The repository name; unset means the lower-cased component name plus a random suffix.</summary>
    public Input<string>? Name { get; init; }
    /// <summary>Delete the repository even when it still holds images.</summary>
    public Input<bool>? ForceDelete { get; init; }
    /// <summary><c>MUTABLE</c> (default) or <c>IMMUTABLE</c>, or their <c>_WITH_EXCLUSION</c> forms.</summary>
    public Input<string>? ImageTagMutability { get; init; }
    /// <summary>Tag filters exempt from the mutability setting (with a <c>_WITH_EXCLUSION</c> mutability).</summary>
    public InputList<ImageTagMutabilityExclusionFilterArgs>? ImageTagMutabilityExclusionFilters { get; init; }
    /// <summary>Image scanning settings.</summary>
    public Input<ImageScanningConfigurationArgs>? ImageScanningConfiguration { get; init; }
    /// <summary>Encryption settings (at most one); changing them replaces the repository.</summary>
    public InputList<EncryptionConfigurationArgs>? EncryptionConfigurations { get; init; }
    /// <summary>Tags to apply to the repository.</summary>
    public InputMap<string>? Tags { get; init; }
    /// <summary>The lifecycle policy; unset means awsx's default (keep at most one untagged image).</summary>
    public LifecyclePolicyArgs? LifecyclePolicy { get; init; }
}

/// <summary>
/// <c>awsx:ecr:Repository</c>: an ECR repository in one line, with a lifecycle policy. Both children take the lower-cased
/// component name. The generated policy is validated against ECR's rules before any API call, so a bad rule fails at
/// preview with a message naming it.
/// </summary>
[ResourceType(TypeToken)]
public sealed class Repository : ComponentResource
{
    /// <summary>The component's type token, as awsx names it.</summary>
    public const string TypeToken = "awsx:ecr:Repository";

    /// <summary>Declares the repository and its lifecycle policy as children of this component.</summary>
    public Repository(string name, RepositoryArgs? args = null, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        args ??= new RepositoryArgs();
        var childName = name.ToLowerInvariant();
        var child = new CustomResourceOptions { Parent = this };
        AwsRepository = new AwsEcr.Repository(childName, new AwsEcr.RepositoryArgs
        {
            Name = args.Name,
            ForceDelete = args.ForceDelete,
            ImageTagMutability = args.ImageTagMutability,
            ImageTagMutabilityExclusionFilters = args.ImageTagMutabilityExclusionFilters,
            ImageScanningConfiguration = args.ImageScanningConfiguration,
            EncryptionConfigurations = args.EncryptionConfigurations,
            Tags = args.Tags,
        }, child);
        Url = AwsRepository.RepositoryUrl;

        if (args.LifecyclePolicy?.Skip != true)
        {
            var document = BuildPolicy(args.LifecyclePolicy?.Rules);
            LifecyclePolicy = new AwsEcr.LifecyclePolicy(childName, new AwsEcr.LifecyclePolicyArgs
            {
                Repository = AwsRepository.RepositoryName,
                Policy = document.ToCanonicalJson(),
            }, child);
        }

        RegisterOutputs(new Dictionary<string, object?> { ["url"] = Url, ["repository"] = AwsRepository.Urn, ["lifecyclePolicy"] = LifecyclePolicy?.Urn });
    }

    /// <summary>The repository URL, <c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;name&gt;</c>.</summary>
    public Output<string> Url { get; }

    /// <summary>The underlying <c>aws:ecr/repository:Repository</c>.</summary>
    public AwsEcr.Repository AwsRepository { get; }

    /// <summary>The lifecycle policy, or null when skipped.</summary>
    public AwsEcr.LifecyclePolicy? LifecyclePolicy { get; }

    /// <summary>awsx's rule conversion, plus tag patterns, validated against ECR's rules.</summary>
    internal static Lifecycle.LifecyclePolicy BuildPolicy(IReadOnlyList<LifecyclePolicyRuleArgs>? rules) =>
        rules is null
            ? AwsxLifecyclePolicy.Default
            : AwsxLifecyclePolicy.Convert([.. rules.Select(r => new AwsxLifecycleRule(r.TagStatus, r.TagPrefixList, r.TagPatternList, r.MaximumNumberOfImages, r.MaximumAgeLimit, r.Description))]);
}
