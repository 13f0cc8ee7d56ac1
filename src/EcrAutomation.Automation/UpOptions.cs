namespace EcrAutomation.Automation;

public sealed class UpOptions : UpdateOptions
{
    public bool ExpectNoChanges { get; set; }
    public bool Diff { get; set; }
    public List<string>? Replace { get; set; }
    public bool TargetDependents { get; set; }
    public bool ContinueOnError { get; set; }
    public bool ShowSecrets { get; set; }
    /// <summary>Runs this program instead of the stack's own.</summary>
    public PulumiFn? Program { get; set; }
}
