namespace EcrAutomation.Lifecycle.Awsx;

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
    /// <remarks>
    /// awsx's algorithm: non-<c>any</c> rules keep their order and the single <c>any</c> rule goes last; priorities are
    /// 1..n; the action is always expire; <see cref="AwsxLifecycleRule.MaximumNumberOfImages"/> wins over
    /// <see cref="AwsxLifecycleRule.MaximumAgeLimit"/>. An empty list is not the default: it gives an empty policy,
    /// which ECR validation rejects. awsx's own three errors throw <see cref="AwsxLifecycleRuleException"/>; anything
    /// ECR would reject afterwards (e.g. a count of 0, two untagged rules) throws
    /// <see cref="LifecyclePolicyValidationException"/> naming the converted rule (its priority and index).
    /// </remarks>
    public static LifecyclePolicy Convert(IReadOnlyList<AwsxLifecycleRule>? rules)
    {
        if (rules is null)
        {
            return Default;
        }

        var ordered = new List<(AwsxLifecycleRule Rule, int Index)>(rules.Count);
        (AwsxLifecycleRule Rule, int Index)? anyRule = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? throw new ArgumentException($"rules[{i}] is null.", nameof(rules));
            if (rule.TagStatus == "any")
            {
                if (anyRule is not null)
                {
                    throw new AwsxLifecycleRuleException(MultipleAnyRulesMessage, i);
                }

                anyRule = (rule, i);
            }
            else
            {
                ordered.Add((rule, i));
            }
        }

        if (anyRule is { } last)
        {
            ordered.Add(last);
        }

        var converted = new List<LifecycleRule>(ordered.Count);
        for (var k = 0; k < ordered.Count; k++)
        {
            var (rule, index) = ordered[k];
            converted.Add(new LifecycleRule(k + 1, rule.Description, ConvertSelection(rule, index), LifecycleAction.Expire));
        }

        var policy = new LifecyclePolicy(converted);
        policy.Validate();
        return policy;
    }

    private static LifecycleSelection ConvertSelection(AwsxLifecycleRule rule, int index)
    {
        TagStatus status;
        IReadOnlyList<string>? prefixes = null;
        IReadOnlyList<string>? patterns = null;
        switch (rule.TagStatus)
        {
            case "any":
                status = TagStatus.Any;
                break;
            case "untagged":
                status = TagStatus.Untagged;
                break;
            default:
                // awsx treats every other value as tagged.
                status = TagStatus.Tagged;
                prefixes = rule.TagPrefixList is { Count: > 0 } ? rule.TagPrefixList : null;
                patterns = rule.TagPatternList is { Count: > 0 } ? rule.TagPatternList : null;
                if (prefixes is null && patterns is null)
                {
                    throw new AwsxLifecycleRuleException(EmptyTagPrefixListMessage, index);
                }

                break;
        }

        if (rule.MaximumNumberOfImages is int count)
        {
            return new LifecycleSelection(status, CountType.ImageCountMoreThan, count, null, prefixes, patterns);
        }

        if (rule.MaximumAgeLimit is int days)
        {
            return new LifecycleSelection(status, CountType.SinceImagePushed, days, CountUnit.Days, prefixes, patterns);
        }

        throw new AwsxLifecycleRuleException(MissingCountMessage, index);
    }
}
