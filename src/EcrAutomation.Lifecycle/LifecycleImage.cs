namespace EcrAutomation.Lifecycle;

/// <summary>An image as the lifecycle evaluator sees it. Equality compares the tags element by element.</summary>
/// <param name="Digest">Manifest digest, unique within the evaluated set.</param>
/// <param name="Tags">Tags (empty for an untagged image).</param>
/// <param name="PushedAt">Push time (<c>imagePushedAt</c>).</param>
/// <param name="LastPulledAt">Last recorded pull time (<c>lastRecordedPullTime</c>); null when never pulled (push time is used instead).</param>
/// <param name="StorageClass">Current storage class of the image.</param>
/// <param name="TransitionedAt">When the image was moved to its current storage class; null falls back to the push time.</param>
public sealed record LifecycleImage(
    string Digest,
    IReadOnlyList<string> Tags,
    DateTimeOffset PushedAt,
    DateTimeOffset? LastPulledAt = null,
    StorageClass StorageClass = StorageClass.Standard,
    DateTimeOffset? TransitionedAt = null)
{
    /// <inheritdoc />
    public bool Equals(LifecycleImage? other) =>
        other is not null
        && string.Equals(Digest, other.Digest, StringComparison.Ordinal)
        && PushedAt == other.PushedAt
        && LastPulledAt == other.LastPulledAt
        && StorageClass == other.StorageClass
        && TransitionedAt == other.TransitionedAt
        && (ReferenceEquals(Tags, other.Tags) || Tags.SequenceEqual(other.Tags, StringComparer.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Digest, PushedAt, LastPulledAt, StorageClass, TransitionedAt, Tags.Count);
}
