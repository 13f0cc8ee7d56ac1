namespace EcrAutomation.Automation;

/// <summary>Options of <see cref="WorkspaceStack.UpAsync"/> (Pulumi's <c>up</c> flags).</summary>
public sealed class UpOptions : UpdateOptions
{
    /// <summary>Fail, changing nothing, when the update would change anything (<c>--expect-no-changes</c>).</summary>
    public bool ExpectNoChanges { get; set; }
    /// <summary>Include each step's property-level changes in the text output (<c>--diff</c>).</summary>
    public bool Diff { get; set; }
    /// <summary>URNs of resources to replace even though they did not change (<c>--replace</c>).</summary>
    public List<string>? Replace { get; set; }
    /// <summary>With <see cref="UpdateOptions.Target"/>: also update the resources that depend on the targets.</summary>
    public bool TargetDependents { get; set; }
    /// <summary>Go on with independent resources after a step fails, instead of stopping at the first failure.</summary>
    public bool ContinueOnError { get; set; }
    /// <summary>Show secret stack outputs in the text output instead of <c>[secret]</c>.</summary>
    public bool ShowSecrets { get; set; }
    /// <summary>Runs this program instead of the workspace's own.</summary>
    public PulumiFn? Program { get; set; }
}
