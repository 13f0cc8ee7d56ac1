namespace EcrAutomation.Providers;

/// <summary>A provider failure the user can act on; its message is shown as is.</summary>
public class ResourceProviderException(string message, Exception? inner = null) : Exception(message, inner);
