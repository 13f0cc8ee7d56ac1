namespace EcrAutomation.Automation;

/// <summary>A stack output value (Pulumi's <c>OutputValue</c>).</summary>
/// <param name="Value">The value as plain CLR data (string, double, bool, list, dictionary, or null).</param>
/// <param name="IsSecret">Whether the value is secret: encrypted in state and shown as <c>[secret]</c> in reports; the value is still given here.</param>
public sealed record OutputValue(object? Value, bool IsSecret);
