namespace EcrAutomation.Automation;

/// <summary>Paging of <see cref="WorkspaceStack.GetHistoryAsync"/>.</summary>
public sealed class HistoryOptions
{
    /// <summary>The page to return, from 1; default 1.</summary>
    public int? Page { get; set; }
    /// <summary>Entries per page; default: all.</summary>
    public int? PageSize { get; set; }
    /// <summary>Accepted for Pulumi compatibility; secret config values are always recorded as <c>[secret]</c>.</summary>
    public bool ShowSecrets { get; set; }
}
