namespace EcrAutomation.Lifecycle;

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
