namespace EcrAutomation.Schema;

/// <summary>
/// A package's schema in Pulumi's package schema JSON format (<c>name</c>, <c>version</c>, <c>resources</c>, <c>types</c>,
/// <c>functions</c>, <c>provider</c>), as <c>pulumi package get-schema</c> prints it: what <c>ecr-automation schema</c> shows.
/// </summary>
public sealed class PackageSchema
{
    internal PackageSchema(string name) => Name = name;

    /// <summary>The package name, e.g. <c>aws</c>.</summary>
    public string Name { get; }

    /// <summary>The schema as indented JSON.</summary>
    public string ToJson() => throw new NotImplementedException();

    /// <summary>The entry of the resource or function <paramref name="token"/> (its <c>resources</c> or <c>functions</c> value) as indented JSON; null when the package has none.</summary>
    public string? EntryJson(string token) => throw new NotImplementedException();
}
