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
