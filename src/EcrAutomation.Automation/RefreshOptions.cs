namespace EcrAutomation.Automation;

public sealed class RefreshOptions : UpdateOptions
{
    public bool PreviewOnly { get; set; }
    public bool ExpectNoChanges { get; set; }
    public bool ShowSecrets { get; set; }
}
