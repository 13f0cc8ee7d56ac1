namespace EcrAutomation.Automation;

/// <summary>Paging of <see cref="WorkspaceStack.GetHistoryAsync"/>.</summary>
public sealed class HistoryOptions
{
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    public bool ShowSecrets { get; set; }
}
