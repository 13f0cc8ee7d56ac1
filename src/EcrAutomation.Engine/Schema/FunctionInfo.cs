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

    /// <summary>
    /// A function whose schema is read from its C# argument and result types, as the resource catalog reads args classes:
    /// the arguments' public settable properties (and <see cref="InputAttribute"/> members) in camelCase, C# <c>required</c>
    /// members required; the result's public properties.
    /// </summary>
    /// <param name="token">The canonical function token.</param>
    /// <param name="argumentsType">The arguments' type; null: the function takes none.</param>
    /// <param name="resultType">The result's type.</param>
    /// <param name="invokeAsync">Calls the function inside a running program.</param>
    public static FunctionInfo FromTypes(string token, Type? argumentsType, Type resultType, Func<PropertyMap, CancellationToken, Task<PropertyMap>> invokeAsync)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentNullException.ThrowIfNull(resultType);
        return new FunctionInfo(
            token,
            argumentsType is null ? new Dictionary<string, SchemaProperty>() : SchemaTypes.Properties(ObjectMembers.InputsOf(argumentsType), output: false),
            SchemaTypes.Properties(ObjectMembers.OutputsOf(resultType), output: true),
            invokeAsync);
    }
}
