using EcrAutomation.Schema;

namespace EcrAutomation.Yaml;

/// <summary>
/// What a YAML program runs with: the resource types and functions the host provides (the program is checked against
/// them, and constructs resources through them) and the project folder (relative paths in the program resolve against it).
/// </summary>
public sealed class YamlRunContext
{
    /// <summary>The resource types a program may use, by Pulumi type token.</summary>
    public required ResourceCatalog Resources { get; init; }

    /// <summary>The functions <c>fn::invoke</c> may call.</summary>
    public required FunctionCatalog Functions { get; init; }

    /// <summary>The project folder: the one holding <c>Pulumi.yaml</c>.</summary>
    public required string ProjectDirectory { get; init; }
}
