namespace EcrAutomation.Lifecycle;

/// <summary>
/// The failure texts that follow <see cref="LifecyclePolicyValidationException.AwsMessagePrefix"/>.
/// Texts marked "AWS" or "moto" are quoted from real responses (aws-apis.md §3.3); texts marked "inferred" follow
/// AWS's style for checks AWS documents but whose message is not public.
/// </summary>
internal static class LifecycleMessages
{
    /// <summary>moto/AWS: not JSON, or not a JSON object.</summary>
    public const string CouldNotMap = "Could not map policyString into LifecyclePolicy.'";

    /// <summary>AWS and moto: a combination of selection/action members that matches neither rule schema, or a null member.</summary>
    public const string NoSchemaMatched = "instance failed to match exactly one schema (matched 0 out of 2)";

    /// <summary>AWS (current wording, per storage class).</summary>
    public const string OnlyOneUntagged = "Only one rule can select Untagged images per storage class.'";

    /// <summary>AWS.</summary>
    public const string AnyMustBeLast = "Rule for tagStatus=ANY must have the lowest priority per storage class'";

    /// <summary>AWS.</summary>
    public const string MustSpecifyTagList = "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'";

    /// <summary>Inferred (the docs: either list only with tagStatus tagged).</summary>
    public const string TagListOnlyWithTagged = "tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED.'";

    /// <summary>Inferred (the docs: tagPatternList or tagPrefixList, not both).</summary>
    public const string BothTagLists = "Cannot specify both tagPrefixList and tagPatternList in one rule.'";

    /// <summary>Inferred (JSON-schema style): an empty <c>rules</c> array.</summary>
    public const string EmptyRules = "array is too short: must have at least 1 elements but instance has 0 elements'";

    /// <summary>moto/AWS (JSON-schema style): missing members, names sorted.</summary>
    public static string MissingProperties(IEnumerable<string> names) =>
        $"object has missing required properties ({JsonList(names)})'";

    /// <summary>moto/AWS (JSON-schema style): unknown members, names sorted.</summary>
    public static string UnknownProperties(IEnumerable<string> names) =>
        $"object instance has properties which are not allowed by the schema: ({JsonList(names)})'";

    /// <summary>moto/AWS (JSON-schema style): a value outside an enum.</summary>
    public static string NotInEnum(string value, IEnumerable<string> allowed) =>
        $"instance value ({value}) not found in enum :(possible values: {JsonList(allowed)})'";

    /// <summary>moto/AWS (JSON-schema style): wrong JSON type.</summary>
    public static string WrongType(string actual, string allowed) =>
        $"instance type ({actual}) does not match any allowed primitive type (allowed: [\"{allowed}\"])'";

    /// <summary>moto/AWS (JSON-schema style): an integer below 1.</summary>
    public static string BelowMinimum(long found) =>
        $"numeric instance is lower than the required minimum (minimum: 1, found: {found})";

    /// <summary>Inferred (JSON-schema style): an integer above the 32-bit range.</summary>
    public static string AboveMaximum(string found) =>
        $"numeric instance is greater than the required maximum (maximum: {int.MaxValue}, found: {found})";

    /// <summary>Inferred (the docs: rulePriority values must be unique).</summary>
    public static string DuplicatePriority(int priority) =>
        $"Rule priorities must be unique; rulePriority {priority} is used by more than one rule.'";

    /// <summary>Inferred (the docs: at most four wildcards per tag pattern).</summary>
    public static string TooManyWildcards(string pattern) =>
        $"Tag pattern '{pattern}' has more than 4 wildcards (*).'";

    /// <summary>Inferred (the docs: "the set of rules must contain a unique set of tag prefixes", per storage class).</summary>
    public static string DuplicatePrefixList(IEnumerable<string> prefixes) =>
        $"The tagPrefixList {JsonList(prefixes)} is used by more than one rule per storage class.'";

    private static string JsonList(IEnumerable<string> names) =>
        "[" + string.Join(",", names.Order(StringComparer.Ordinal).Select(n => "\"" + n + "\"")) + "]";
}
