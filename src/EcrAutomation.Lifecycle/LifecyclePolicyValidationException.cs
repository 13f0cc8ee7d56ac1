namespace EcrAutomation.Lifecycle;

/// <summary>
/// A lifecycle policy failed ECR's validation. ECR reports it as <c>InvalidParameterException</c> with
/// <see cref="AwsMessage"/>; <see cref="Exception.Message"/> is that text followed by the offending rule and field, e.g.
/// <c>... 'Lifecycle policy validation failure: numeric instance is lower than the required minimum (minimum: 1, found: 0)
/// (rules[1], rulePriority 2, field selection.countNumber)</c>.
/// </summary>
public sealed class LifecyclePolicyValidationException : LifecyclePolicyException
{
    /// <summary>The prefix of every AWS lifecycle policy validation message.</summary>
    public const string AwsMessagePrefix =
        "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ";

    /// <summary>The AWS error code the emulator should return.</summary>
    public const string ErrorCode = "InvalidParameterException";

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The part of AWS's message after <see cref="AwsMessagePrefix"/>.</param>
    /// <param name="ruleIndex">Zero-based index of the offending rule in <c>rules</c>, if one rule is at fault.</param>
    /// <param name="rulePriority">Its rulePriority, when known.</param>
    /// <param name="field">The offending member, relative to the rule (or to the policy for policy-level errors).</param>
    /// <param name="hint">What is wrong with <paramref name="field"/>, where AWS's wording does not say.</param>
    public LifecyclePolicyValidationException(string reason, int? ruleIndex = null, int? rulePriority = null, string? field = null, string? hint = null)
        : base(FormatMessage(reason, ruleIndex, rulePriority, field, hint))
    {
        Reason = reason;
        RuleIndex = ruleIndex;
        RulePriority = rulePriority;
        Field = field;
    }

    /// <summary>The failure text after <see cref="AwsMessagePrefix"/>, e.g. <c>Only one rule can select Untagged images.'</c>.</summary>
    public string Reason { get; }

    /// <summary>Exactly the message AWS returns (no rule context).</summary>
    public string AwsMessage => AwsMessagePrefix + Reason;

    /// <summary>Zero-based index of the offending rule in <c>rules</c>, or null for a policy-level error.</summary>
    public int? RuleIndex { get; }

    /// <summary>The rulePriority of the offending rule when it has a valid one, otherwise null.</summary>
    public int? RulePriority { get; }

    /// <summary>The offending member relative to its rule (e.g. <c>selection.countNumber</c>), or to the policy
    /// (<c>rules</c>); null when the error concerns a whole rule or several rules.</summary>
    public string? Field { get; }

    private static string FormatMessage(string reason, int? ruleIndex, int? rulePriority, string? field, string? hint)
    {
        var context = new List<string>(3);
        if (ruleIndex is int i)
        {
            context.Add($"rules[{i}]");
        }

        if (rulePriority is int p)
        {
            context.Add($"rulePriority {p}");
        }

        if (field is not null)
        {
            context.Add(hint is null ? $"field {field}" : $"field {field}: {hint}");
        }

        return context.Count == 0 ? AwsMessagePrefix + reason : $"{AwsMessagePrefix}{reason} ({string.Join(", ", context)})";
    }
}
