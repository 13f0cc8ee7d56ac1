namespace EcrAutomation.Automation;

/// <summary>Options of <see cref="WorkspaceStack.RefreshAsync"/> (Pulumi's <c>refresh</c> flags).</summary>
public sealed class RefreshOptions : UpdateOptions
{
    /// <summary>Read the live state and report the drift without writing it to the stack's state.</summary>
    public bool PreviewOnly { get; set; }
    /// <summary>Fail when the refresh finds drift (<c>--expect-no-changes</c>).</summary>
    public bool ExpectNoChanges { get; set; }
    /// <summary>Show secret values in the text output instead of <c>[secret]</c>.</summary>
    public bool ShowSecrets { get; set; }
}
