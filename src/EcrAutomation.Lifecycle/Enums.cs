namespace EcrAutomation.Lifecycle;

/// <summary>Which images a rule selects by tag state (<c>selection.tagStatus</c>; JSON values are lower case).</summary>
public enum TagStatus
{
    /// <summary><c>any</c>: every image, tagged or not. Such a rule must have the highest rulePriority.</summary>
    Any,

    /// <summary><c>tagged</c>: images with at least one tag matching the rule's tagPrefixList or tagPatternList.</summary>
    Tagged,

    /// <summary><c>untagged</c>: images without tags.</summary>
    Untagged,
}

/// <summary>How a rule counts its matching images (<c>selection.countType</c>).</summary>
public enum CountType
{
    /// <summary><c>imageCountMoreThan</c>: keep the newest countNumber matching images, act on the rest.</summary>
    ImageCountMoreThan,

    /// <summary><c>sinceImagePushed</c>: act on images pushed more than countNumber days ago.</summary>
    SinceImagePushed,

    /// <summary><c>sinceImagePulled</c>: act on images last pulled more than countNumber days ago (transition only).</summary>
    SinceImagePulled,

    /// <summary><c>sinceImageTransitioned</c>: act on archived images transitioned more than countNumber days ago (expire only).</summary>
    SinceImageTransitioned,
}

/// <summary>Unit of <c>countNumber</c> for the <c>since*</c> count types (<c>selection.countUnit</c>).</summary>
public enum CountUnit
{
    /// <summary><c>days</c>, the only unit ECR accepts.</summary>
    Days,
}

/// <summary>ECR image storage class (<c>selection.storageClass</c>, <c>action.targetStorageClass</c>).</summary>
public enum StorageClass
{
    /// <summary><c>standard</c>, the default for every image and every rule.</summary>
    Standard,

    /// <summary><c>archive</c>.</summary>
    Archive,
}

/// <summary>What a rule does to the images it selects (<c>action.type</c>).</summary>
public enum ActionType
{
    /// <summary><c>expire</c>: delete the image.</summary>
    Expire,

    /// <summary><c>transition</c>: move the image to <see cref="LifecycleAction.TargetStorageClass"/>.</summary>
    Transition,
}
