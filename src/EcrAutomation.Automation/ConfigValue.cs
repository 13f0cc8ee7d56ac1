namespace EcrAutomation.Automation;

/// <summary>
/// A stack config value (Pulumi's <c>ConfigValue</c>). Given to and returned by <see cref="WorkspaceStack"/> it is plain
/// text; in <see cref="StackSettings.Config"/>, a secret's <see cref="Value"/> is the <c>secure:</c> ciphertext the file holds.
/// </summary>
/// <param name="Value">The value.</param>
/// <param name="IsSecret">Whether the value is a secret: encrypted in the stack file and in state, hidden in events and history.</param>
public sealed record ConfigValue(string Value, bool IsSecret = false);
