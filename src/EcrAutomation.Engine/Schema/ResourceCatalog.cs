using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>
/// The resource types of a set of assemblies by Pulumi type token, found through <see cref="ResourceTypeAttribute"/>.
/// Building it only maps tokens to classes; each type's properties are read on first use.
/// </summary>
public sealed class ResourceCatalog
{
    private ResourceCatalog() { }

    /// <summary>A catalog of every class with <see cref="ResourceTypeAttribute"/> in <paramref name="assemblies"/>.</summary>
    public static ResourceCatalog FromAssemblies(params Assembly[] assemblies) => throw new NotImplementedException();

    /// <summary>Every canonical token the catalog knows.</summary>
    public IReadOnlyCollection<string> Tokens => throw new NotImplementedException();

    /// <summary>The packages the tokens belong to (<c>aws</c>, <c>kubernetes</c>, ...; a provider's package included).</summary>
    public IReadOnlyCollection<string> Packages => throw new NotImplementedException();

    /// <summary>The type with the canonical <paramref name="token"/>.</summary>
    public bool TryGet(string token, out ResourceTypeInfo info) => throw new NotImplementedException();

    /// <summary>
    /// The canonical token a YAML program's <paramref name="yamlToken"/> means, by pulumi-yaml's rules: the token itself;
    /// <c>pkg:Type</c> as <c>pkg:index:Type</c>; <c>pkg:mod:Type</c> as <c>pkg:mod/type:Type</c>; matched case-insensitively.
    /// Null when no type matches.
    /// </summary>
    public string? Resolve(string yamlToken) => throw new NotImplementedException();

    /// <summary>The Pulumi package schema of <paramref name="name"/>: its resources, object types, provider and, given <paramref name="functions"/>, its functions.</summary>
    public PackageSchema Package(string name, FunctionCatalog? functions = null) => throw new NotImplementedException();
}
