namespace EcrAutomation.Lifecycle;

/// <summary>The <c>action</c> block of a rule.</summary>
/// <param name="Type">Expire or transition.</param>
/// <param name="TargetStorageClass">Required (and only allowed) for <see cref="ActionType.Transition"/>: <c>archive</c>.</param>
public sealed record LifecycleAction(ActionType Type, StorageClass? TargetStorageClass = null)
{
    /// <summary>The <c>{"type":"expire"}</c> action.</summary>
    public static LifecycleAction Expire { get; } = new(ActionType.Expire);

    /// <summary>The <c>{"type":"transition","targetStorageClass":"archive"}</c> action.</summary>
    public static LifecycleAction TransitionToArchive { get; } = new(ActionType.Transition, StorageClass.Archive);
}
