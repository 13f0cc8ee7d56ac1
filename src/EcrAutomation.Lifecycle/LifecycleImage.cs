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

/// <summary>An image expired by a rule.</summary>
/// <param name="Image">The image.</param>
/// <param name="AppliedRulePriority">The rulePriority of the rule that expires it.</param>
public sealed record ExpiredImage(LifecycleImage Image, int AppliedRulePriority);

/// <summary>An image transitioned to another storage class by a rule.</summary>
/// <param name="Image">The image.</param>
/// <param name="AppliedRulePriority">The rulePriority of the rule that transitions it.</param>
/// <param name="TargetStorageClass">The storage class it moves to.</param>
public sealed record TransitionedImage(LifecycleImage Image, int AppliedRulePriority, StorageClass TargetStorageClass);

/// <summary>
/// The result of <see cref="LifecycleEvaluator.Evaluate"/>. The three lists are disjoint and cover every input image.
/// Equality compares the lists element by element.
/// </summary>
/// <param name="Expire">Images to delete, ordered by push time (oldest first), ties by digest.</param>
/// <param name="Keep">Images left alone, ordered by push time (oldest first), ties by digest.</param>
public sealed record LifecycleEvaluation(IReadOnlyList<ExpiredImage> Expire, IReadOnlyList<LifecycleImage> Keep)
{
    /// <summary>Images to move to another storage class (transition rules), ordered like <see cref="Expire"/>.</summary>
    public IReadOnlyList<TransitionedImage> Transition { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(LifecycleEvaluation? other) =>
        other is not null
        && Expire.SequenceEqual(other.Expire)
        && Keep.SequenceEqual(other.Keep)
        && Transition.SequenceEqual(other.Transition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Expire.Count, Keep.Count, Transition.Count);
}
