namespace EcrAutomation.Automation;

/// <summary>Options of <see cref="WorkspaceStack.DestroyAsync"/> (Pulumi's <c>destroy</c> flags).</summary>
public sealed class DestroyOptions : UpdateOptions
{
    /// <summary>With <see cref="UpdateOptions.Target"/>: also delete the resources that depend on the targets (required when there are any).</summary>
    public bool TargetDependents { get; set; }
    /// <summary>Show secret values in the text output instead of <c>[secret]</c>.</summary>
    public bool ShowSecrets { get; set; }
    /// <summary>Report what would be deleted without deleting anything.</summary>
    public bool PreviewOnly { get; set; }
    /// <summary>Go on deleting independent resources after a delete fails.</summary>
    public bool ContinueOnError { get; set; }
}
