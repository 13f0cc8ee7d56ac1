namespace EcrAutomation.Providers;

internal sealed class NullResourceLog : IResourceLog
{
    public static readonly NullResourceLog Instance = new();
    public void Info(string message) { }
    public void Warning(string message) { }
}
