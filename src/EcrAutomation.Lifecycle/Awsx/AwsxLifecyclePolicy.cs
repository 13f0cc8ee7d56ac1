namespace EcrAutomation.Lifecycle;

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

/// <summary>awsx's conversion of <see cref="AwsxLifecycleRule"/> lists to an ECR lifecycle policy.</summary>
public static class AwsxLifecyclePolicy
{
    /// <summary>awsx's error for two or more <c>any</c> rules.</summary>
    public const string MultipleAnyRulesMessage = "At most one [selection: \"any\"] rule can be provided.";

    /// <summary>awsx's error for a tagged rule without tags.</summary>
    public const string EmptyTagPrefixListMessage = "tagPrefixList cannot be empty.";

    /// <summary>awsx's error for a rule with neither count.</summary>
    public const string MissingCountMessage = "Either [maximumNumberOfImages] or [maximumAgeLimit] must be provided with a rule.";

    /// <summary>The policy awsx creates when no rules are given: keep at most one untagged image.</summary>
    public static LifecyclePolicy Default { get; } = new(
    [
        new LifecycleRule(
            1,
            "remove untagged images",
            new LifecycleSelection(TagStatus.Untagged, CountType.ImageCountMoreThan, 1),
            LifecycleAction.Expire),
    ]);

    /// <summary>Converts awsx rules to an ECR policy exactly as awsx does, then validates it.</summary>
    /// <param name="rules">The awsx rules; null gives <see cref="Default"/>.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="AwsxLifecycleRuleException">One of awsx's three errors.</exception>
    /// <exception cref="LifecyclePolicyValidationException">The converted policy fails ECR validation.</exception>
    public static LifecyclePolicy Convert(IReadOnlyList<AwsxLifecycleRule>? rules) => throw new NotImplementedException();
}
