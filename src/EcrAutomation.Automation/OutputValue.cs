namespace EcrAutomation.Automation;

/// <summary>A stack output value.</summary>
public sealed record OutputValue(object? Value, bool IsSecret);
