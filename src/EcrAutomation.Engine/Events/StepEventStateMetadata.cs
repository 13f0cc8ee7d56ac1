namespace EcrAutomation.Events;

/// <summary>A resource's state as shown in events. Secret values are already blinded to [secret].</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token.</param>
/// <param name="Custom">Whether a provider manages it (false for components).</param>
/// <param name="Delete">Whether it is the old half of a replacement awaiting deletion.</param>
/// <param name="Id">Its provider id, or empty.</param>
/// <param name="Parent">Its parent's URN, or empty.</param>
/// <param name="Protect">Whether it is protected from deletion.</param>
/// <param name="RetainOnDelete">Whether deleting it leaves the cloud resource.</param>
/// <param name="Inputs">Its inputs as plain values.</param>
/// <param name="Outputs">Its outputs as plain values.</param>
/// <param name="Provider">Its provider reference (<c>urn::id</c>), or empty.</param>
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
