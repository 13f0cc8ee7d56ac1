namespace EcrAutomation.Lifecycle.Awsx;

/// <summary>An awsx <c>lifecyclePolicy.rules</c> list is invalid; the message is awsx's exact text.</summary>
public sealed class AwsxLifecycleRuleException : LifecyclePolicyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">awsx's message.</param>
    /// <param name="ruleIndex">Zero-based index of the offending rule in the awsx list, when one rule is at fault.</param>
    public AwsxLifecycleRuleException(string message, int? ruleIndex = null)
        : base(message)
    {
        RuleIndex = ruleIndex;
    }

    /// <summary>Zero-based index of the offending awsx rule, or null when the error concerns the whole list.</summary>
    public int? RuleIndex { get; }
}
