namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>An AWS error moto answered one of the local cloud's own calls with.</summary>
internal sealed class MotoCallException(string errorType, string message) : Exception($"{errorType}: {message}")
{
    /// <summary>AWS's error type, e.g. <c>ResourceNotFoundException</c>.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>AWS's message, without the type.</summary>
    public string AwsMessage { get; } = message;
}
