namespace EcrAutomation.Lifecycle.Awsx;

/// <summary>
/// One rule of awsx's <c>awsx:ecr:Repository</c> <c>lifecyclePolicy.rules</c> (type <c>awsx:ecr:lifecyclePolicyRule</c>).
/// </summary>
/// <param name="TagStatus"><c>any</c>, <c>untagged</c> or <c>tagged</c>; any other value is treated as <c>tagged</c> (as awsx does).</param>
/// <param name="TagPrefixList">Tag prefixes for a tagged rule.</param>
/// <param name="TagPatternList">Tag wildcard patterns for a tagged rule (our extension; awsx has no such field).</param>
/// <param name="MaximumNumberOfImages">Keep at most this many images (wins over <paramref name="MaximumAgeLimit"/>).</param>
/// <param name="MaximumAgeLimit">Expire images pushed more than this many days ago.</param>
/// <param name="Description">Optional description copied to the ECR rule.</param>
public sealed record AwsxLifecycleRule(
    string TagStatus,
    IReadOnlyList<string>? TagPrefixList = null,
    IReadOnlyList<string>? TagPatternList = null,
    int? MaximumNumberOfImages = null,
    int? MaximumAgeLimit = null,
    string? Description = null);
