namespace EcrAutomation.Automation;

/// <summary>Options of <see cref="WorkspaceStack.PreviewAsync"/> (Pulumi's <c>preview</c> flags).</summary>
public sealed class PreviewOptions : UpdateOptions
{
    /// <summary>Fail when the preview finds anything to change (<c>--expect-no-changes</c>).</summary>
    public bool ExpectNoChanges { get; set; }
    /// <summary>Include each step's property-level changes in the text output (<c>--diff</c>).</summary>
    public bool Diff { get; set; }
    /// <summary>URNs of resources to plan a replacement for even though they did not change (<c>--replace</c>).</summary>
    public List<string>? Replace { get; set; }
    /// <summary>With <see cref="UpdateOptions.Target"/>: also plan the resources that depend on the targets.</summary>
    public bool TargetDependents { get; set; }
    /// <summary>Previews this program instead of the workspace's own.</summary>
    public PulumiFn? Program { get; set; }
}
