using EcrAutomation.Providers;

namespace EcrAutomation.Schema;

/// <summary>
/// A function a package offers (Pulumi's invoke, e.g. <c>aws:ec2/getVpc:getVpc</c>): its schema and how to call it from a
/// running program (YAML's <c>fn::invoke</c>).
/// </summary>
/// <param name="Token">The canonical function token, <c>package:module/name:name</c>.</param>
/// <param name="Inputs">Its arguments by name (pulumi's names).</param>
/// <param name="Outputs">Its result's properties by name.</param>
/// <param name="InvokeAsync">Calls the function inside a running program with the arguments, answering its result.</param>
public sealed record FunctionInfo(
    string Token,
    IReadOnlyDictionary<string, SchemaProperty> Inputs,
    IReadOnlyDictionary<string, SchemaProperty> Outputs,
    Func<PropertyMap, CancellationToken, Task<PropertyMap>> InvokeAsync)
{
    /// <summary>What the function does; null when unknown.</summary>
    public string? Description { get; init; }
}
