namespace EcrAutomation.Automation;

public sealed class PreviewOptions : UpdateOptions
{
    public bool ExpectNoChanges { get; set; }
    public bool Diff { get; set; }
    public List<string>? Replace { get; set; }
    public bool TargetDependents { get; set; }
    public PulumiFn? Program { get; set; }
}
