namespace EcrAutomation.Deployment;

/// <summary>A <c>target</c> or <c>replace</c> URN is malformed, not in the stack, or cannot be operated on alone; nothing was changed.</summary>
internal sealed class InvalidUrnOptionException(IReadOnlyList<string> urns, string message) : Exception(message)
{
    public IReadOnlyList<string> Urns { get; } = urns;
}
