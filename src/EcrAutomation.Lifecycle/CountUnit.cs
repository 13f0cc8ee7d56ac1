namespace EcrAutomation.Lifecycle;

/// <summary>Unit of <c>countNumber</c> for the <c>since*</c> count types (<c>selection.countUnit</c>).</summary>
public enum CountUnit
{
    /// <summary><c>days</c>, the only unit ECR accepts.</summary>
    Days,
}
