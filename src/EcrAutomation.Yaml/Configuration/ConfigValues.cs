namespace EcrAutomation.Yaml.Configuration;

/// <summary>
/// The config a program's expressions can refer to (<c>${key}</c>): the template's typed entries, and every other value of
/// the stack's config as a string; names in the project's namespace are found with or without it (<c>${proj:key}</c> is
/// <c>${key}</c>), as in pulumi-yaml. Secret values are secret outputs.
/// </summary>
internal sealed class ConfigValues(string project, IReadOnlyDictionary<string, object?> values)
{
    /// <summary>The values by the name a program uses.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; } = values;

    /// <summary>The value a property access's root <paramref name="name"/> refers to, if it is config.</summary>
    public bool TryGet(string name, out object? value) =>
        Values.TryGetValue(name, out value) ||
        name.StartsWith(project + ":", StringComparison.Ordinal) && Values.TryGetValue(name[(project.Length + 1)..], out value);
}
