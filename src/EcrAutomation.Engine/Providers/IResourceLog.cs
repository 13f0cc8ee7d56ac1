namespace EcrAutomation.Providers;

/// <summary>Receives provider diagnostics for one resource.</summary>
public interface IResourceLog
{
    void Info(string message);
    void Warning(string message);
}
