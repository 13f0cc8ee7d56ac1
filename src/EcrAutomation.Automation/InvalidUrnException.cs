namespace EcrAutomation.Automation;

/// <summary>A <c>Target</c> or <c>Replace</c> URN is malformed or not in the stack; <see cref="Urns"/> lists them.</summary>
public sealed class InvalidUrnException(IReadOnlyList<string> urns, string message, Exception? inner = null) : InvalidInputException(message, inner)
{
    /// <summary>The URNs at fault.</summary>
    public IReadOnlyList<string> Urns { get; } = urns;
}
