namespace EcrAutomation.Events;

/// <summary>A resource's state as shown in events. Secret values are already blinded to [secret].</summary>
public sealed record StepEventStateMetadata(
    string Urn,
    string Type,
    bool Custom,
    bool Delete,
    string Id,
    string Parent,
    bool Protect,
    bool RetainOnDelete,
    IReadOnlyDictionary<string, object?> Inputs,
    IReadOnlyDictionary<string, object?> Outputs,
    string Provider = "");
