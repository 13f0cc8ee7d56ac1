using System.Diagnostics.CodeAnalysis;

namespace EcrAutomation.Lifecycle;

/// <summary>
/// A validated Amazon ECR lifecycle policy (<c>{"rules":[...]}</c>).
/// Create one with <see cref="Parse"/>/<see cref="TryParse"/> (policy text) or <see cref="Awsx.AwsxLifecyclePolicy.Convert"/>.
/// </summary>
/// <remarks>Equality is semantic: rules are compared as a set keyed by priority, so rule order does not matter.</remarks>
/// <param name="Rules">The rules, in the order they were given.</param>
public sealed record LifecyclePolicy(IReadOnlyList<LifecycleRule> Rules)
{
    /// <summary>Minimum length of <c>lifecyclePolicyText</c> accepted by PutLifecyclePolicy (API constraint, not checked by <see cref="Parse"/>).</summary>
    public const int MinTextLength = 100;

    /// <summary>Maximum length of <c>lifecyclePolicyText</c> accepted by PutLifecyclePolicy (API constraint, not checked by <see cref="Parse"/>).</summary>
    public const int MaxTextLength = 30720;

    /// <summary>Parses and validates lifecycle policy text exactly as ECR's PutLifecyclePolicy does.</summary>
    /// <param name="json">The policy text.</param>
    /// <returns>The validated policy.</returns>
    /// <exception cref="LifecyclePolicyValidationException">The text is not a valid policy; the message is AWS's text plus the offending rule.</exception>
    public static LifecyclePolicy Parse(string json) => LifecyclePolicyParser.Parse(json);

    /// <summary>Parses and validates lifecycle policy text without throwing.</summary>
    /// <param name="json">The policy text.</param>
    /// <param name="policy">The policy when valid, otherwise null.</param>
    /// <param name="error">The validation message (same as <see cref="Exception.Message"/> of <see cref="Parse"/>) when invalid, otherwise null.</param>
    /// <returns>True when the text is a valid policy.</returns>
    public static bool TryParse(string json, [NotNullWhen(true)] out LifecyclePolicy? policy, [NotNullWhen(false)] out string? error)
    {
        try
        {
            policy = Parse(json);
            error = null;
            return true;
        }
        catch (LifecyclePolicyValidationException ex)
        {
            policy = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Validates this policy with the same rules as <see cref="Parse"/>.</summary>
    /// <exception cref="LifecyclePolicyValidationException">The policy is invalid.</exception>
    public void Validate() => LifecyclePolicyValidator.Validate(this);

    /// <summary>
    /// Canonical JSON: rules sorted by rulePriority, object keys in alphabetical order, optional members omitted when
    /// unset, <c>"storageClass":"standard"</c> (the default) omitted, no whitespace. Semantically equal policies give
    /// identical strings. Tag list entries keep their written order.
    /// </summary>
    public string ToCanonicalJson() => LifecyclePolicyWriter.Write(this);

    /// <summary>Parses, validates and canonicalises policy text in one step (see <see cref="ToCanonicalJson"/>).</summary>
    /// <param name="json">The policy text.</param>
    /// <returns>The canonical JSON.</returns>
    /// <exception cref="LifecyclePolicyValidationException">The text is not a valid policy.</exception>
    public static string Canonicalize(string json) => Parse(json).ToCanonicalJson();

    /// <summary>The canonical JSON (<see cref="ToCanonicalJson"/>).</summary>
    public override string ToString() => ToCanonicalJson();

    /// <inheritdoc />
    public bool Equals(LifecyclePolicy? other) =>
        other is not null && (ReferenceEquals(this, other) || SortedRules().SequenceEqual(other.SortedRules()));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var rule in SortedRules())
        {
            hash.Add(rule);
        }

        return hash.ToHashCode();
    }

    internal IEnumerable<LifecycleRule> SortedRules() => Rules.OrderBy(r => r.RulePriority);
}
