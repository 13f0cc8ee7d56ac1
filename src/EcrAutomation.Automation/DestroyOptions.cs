namespace EcrAutomation.Automation;

public sealed class DestroyOptions : UpdateOptions
{
    public bool TargetDependents { get; set; }
    public bool ShowSecrets { get; set; }
    public bool PreviewOnly { get; set; }
    public bool ContinueOnError { get; set; }
}
