namespace EcrAutomation.Providers;

/// <summary>Receives provider diagnostics for one resource.</summary>
public interface IResourceLog
{
    /// <summary>Reports progress or information about the resource (an info diagnostic).</summary>
    void Info(string message);
    /// <summary>Reports something the user should look at; the operation goes on (a warning diagnostic).</summary>
    void Warning(string message);
}
