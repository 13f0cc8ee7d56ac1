using System.Text.Json;
using EcrAutomation.Automation;

namespace EcrAutomation.Eks.Tests;

/// <summary>One resource of a stack export.</summary>
public sealed record StateResource(string Urn, string Type, string Name, string? Parent, string? Id, JsonElement Outputs, JsonElement Inputs, string? Provider)
{
    /// <summary>The type of the parent (the last segment of the parent URN's qualified type), or null for the stack.</summary>
    public string? ParentType => Parent is null ? null : Urns.Type(Parent);
}

/// <summary>The resources of a stack's state, read from its export.</summary>
public static class StackState
{
    public static async Task<IReadOnlyList<StateResource>> ReadAsync(WorkspaceStack stack)
    {
        using var document = JsonDocument.Parse((await stack.ExportStackAsync()).Json);
        var deployment = document.RootElement.GetProperty("deployment");
        if (!deployment.TryGetProperty("resources", out var resources)) return [];
        return [.. resources.EnumerateArray().Select(r => new StateResource(
            r.GetProperty("urn").GetString()!,
            r.GetProperty("type").GetString()!,
            Urns.Name(r.GetProperty("urn").GetString()!),
            r.TryGetProperty("parent", out var parent) ? parent.GetString() : null,
            r.TryGetProperty("id", out var id) ? id.GetString() : null,
            r.TryGetProperty("outputs", out var outputs) ? outputs.Clone() : default,
            r.TryGetProperty("inputs", out var inputs) ? inputs.Clone() : default,
            r.TryGetProperty("provider", out var provider) ? provider.GetString() : null))];
    }
}
