namespace EcrAutomation.Lifecycle;

/// <summary>The policy-JSON spellings of the lifecycle enums (lower or camel case, as ECR stores them).</summary>
internal static class LifecycleJsonNames
{
    /// <summary>JSON spelling of a tag status: <c>any</c>, <c>tagged</c>, <c>untagged</c>.</summary>
    public static string ToJson(this TagStatus value) => value switch
    {
        TagStatus.Any => "any",
        TagStatus.Tagged => "tagged",
        TagStatus.Untagged => "untagged",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>JSON spelling of a count type, e.g. <c>imageCountMoreThan</c>.</summary>
    public static string ToJson(this CountType value) => value switch
    {
        CountType.ImageCountMoreThan => "imageCountMoreThan",
        CountType.SinceImagePushed => "sinceImagePushed",
        CountType.SinceImagePulled => "sinceImagePulled",
        CountType.SinceImageTransitioned => "sinceImageTransitioned",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>JSON spelling of a count unit: <c>days</c>.</summary>
    public static string ToJson(this CountUnit value) => value switch
    {
        CountUnit.Days => "days",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>JSON spelling of a storage class: <c>standard</c>, <c>archive</c>.</summary>
    public static string ToJson(this StorageClass value) => value switch
    {
        StorageClass.Standard => "standard",
        StorageClass.Archive => "archive",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    /// <summary>JSON spelling of an action type: <c>expire</c>, <c>transition</c>.</summary>
    public static string ToJson(this ActionType value) => value switch
    {
        ActionType.Expire => "expire",
        ActionType.Transition => "transition",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    internal static readonly IReadOnlyDictionary<string, TagStatus> TagStatuses = Map<TagStatus>(ToJson);
    internal static readonly IReadOnlyDictionary<string, CountType> CountTypes = Map<CountType>(ToJson);
    internal static readonly IReadOnlyDictionary<string, CountUnit> CountUnits = Map<CountUnit>(ToJson);
    internal static readonly IReadOnlyDictionary<string, StorageClass> StorageClasses = Map<StorageClass>(ToJson);
    internal static readonly IReadOnlyDictionary<string, ActionType> ActionTypes = Map<ActionType>(ToJson);

    private static Dictionary<string, T> Map<T>(Func<T, string> toJson)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(toJson, v => v, StringComparer.Ordinal);
}
