namespace EcrAutomation.Lifecycle;

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
