namespace EcrAutomation.Lifecycle;

/// <summary>What a rule does to the images it selects (<c>action.type</c>).</summary>
public enum ActionType
{
    /// <summary><c>expire</c>: delete the image.</summary>
    Expire,

    /// <summary><c>transition</c>: move the image to <see cref="LifecycleAction.TargetStorageClass"/>.</summary>
    Transition,
}
