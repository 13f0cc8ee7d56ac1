namespace EcrAutomation.Lifecycle;

/// <summary>The <c>selection</c> block of a rule.</summary>
/// <remarks>Equality compares the lists element by element and treats an unset storage class as <c>standard</c>.</remarks>
/// <param name="TagStatus">Tag state selected.</param>
/// <param name="CountType">How matching images are counted.</param>
/// <param name="CountNumber">Positive count (images or days).</param>
/// <param name="CountUnit">Required with the <c>since*</c> count types, forbidden otherwise.</param>
/// <param name="TagPrefixList">Tag prefixes (tagged rules only); every prefix must match one of the image's tags.</param>
/// <param name="TagPatternList">Tag wildcard patterns using <c>*</c> (tagged rules only); every pattern must match one of the image's tags.</param>
/// <param name="StorageClass">Storage class of the images selected; null means <c>standard</c>.</param>
public sealed record LifecycleSelection(
    TagStatus TagStatus,
    CountType CountType,
    int CountNumber,
    CountUnit? CountUnit = null,
    IReadOnlyList<string>? TagPrefixList = null,
    IReadOnlyList<string>? TagPatternList = null,
    StorageClass? StorageClass = null)
{
    /// <summary>The storage class the rule applies to (<see cref="StorageClass"/> or <c>standard</c>).</summary>
    public StorageClass EffectiveStorageClass => StorageClass ?? Lifecycle.StorageClass.Standard;

    /// <inheritdoc />
    public bool Equals(LifecycleSelection? other) =>
        other is not null
        && TagStatus == other.TagStatus
        && CountType == other.CountType
        && CountNumber == other.CountNumber
        && CountUnit == other.CountUnit
        && EffectiveStorageClass == other.EffectiveStorageClass
        && ListEquals(TagPrefixList, other.TagPrefixList)
        && ListEquals(TagPatternList, other.TagPatternList);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(TagStatus);
        hash.Add(CountType);
        hash.Add(CountNumber);
        hash.Add(CountUnit);
        hash.Add(EffectiveStorageClass);
        foreach (var s in TagPrefixList ?? [])
        {
            hash.Add(s, StringComparer.Ordinal);
        }

        hash.Add('|');
        foreach (var s in TagPatternList ?? [])
        {
            hash.Add(s, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static bool ListEquals(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b, StringComparer.Ordinal);
}
