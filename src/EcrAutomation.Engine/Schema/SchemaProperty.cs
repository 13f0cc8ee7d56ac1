namespace EcrAutomation.Schema;

/// <summary>One input or output property of a resource, function or object type, as Pulumi's package schema describes it.</summary>
/// <param name="Name">The property's name in Pulumi's schema (camelCase, e.g. <c>imageTagMutability</c>).</param>
/// <param name="Type">The values it takes.</param>
/// <param name="Required">Whether the resource (or function) cannot do without it.</param>
/// <param name="Secret">Whether the value is always secret (encrypted in state, hidden in the display).</param>
/// <param name="Description">What the property means; null when unknown.</param>
public sealed record SchemaProperty(string Name, SchemaType Type, bool Required = false, bool Secret = false, string? Description = null);
