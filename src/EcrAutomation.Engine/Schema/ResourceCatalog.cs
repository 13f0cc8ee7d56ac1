using System.Collections.Frozen;
using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>
/// The resource types of a set of assemblies by Pulumi type token, found through <see cref="ResourceTypeAttribute"/>.
/// Building it only maps tokens to classes; each type's properties are read on first use.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly FrozenDictionary<string, ResourceTypeInfo> _types;
    private readonly FrozenDictionary<string, string> _tokensIgnoringCase;

    private ResourceCatalog(IEnumerable<ResourceTypeInfo> types)
    {
        _types = types.ToFrozenDictionary(t => t.Token, StringComparer.Ordinal);
        _tokensIgnoringCase = _types.Keys.DistinctBy(k => k, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A catalog of the classes with <see cref="ResourceTypeAttribute"/> in <paramref name="assemblies"/> that a program
    /// can construct (a public <c>(string name, args, options)</c> constructor; not the stack).
    /// </summary>
    public static ResourceCatalog FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        return new ResourceCatalog(assemblies.Distinct()
            .SelectMany(a => TypeTokens.Of(a).Classes)
            .Where(c => c.IsPublicConcrete && c.Token != Stack.RootType)
            .Select(c => new ResourceTypeInfo(c.Token, c)));
    }

    /// <summary>Every canonical token the catalog knows.</summary>
    public IReadOnlyCollection<string> Tokens => _types.Keys;

    /// <summary>The packages the tokens belong to (<c>aws</c>, <c>kubernetes</c>, ...; a provider's package included).</summary>
    public IReadOnlyCollection<string> Packages => [.. _types.Keys.Select(TypeTokens.Package).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The type with the canonical <paramref name="token"/>.</summary>
    public bool TryGet(string token, out ResourceTypeInfo info) => _types.TryGetValue(token, out info!);

    /// <summary>
    /// The canonical token a YAML program's <paramref name="yamlToken"/> means, by pulumi-yaml's rules: the token itself;
    /// <c>pkg:Type</c> as <c>pkg:index:Type</c>; <c>pkg:mod:Type</c> as <c>pkg:mod/type:Type</c>; matched case-insensitively.
    /// Null when no type matches.
    /// </summary>
    public string? Resolve(string yamlToken) => TokenResolution.Resolve(yamlToken, _tokensIgnoringCase);

    /// <summary>The Pulumi package schema of <paramref name="name"/>: its resources, object types, provider and, given <paramref name="functions"/>, its functions.</summary>
    public PackageSchema Package(string name, FunctionCatalog? functions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var types = _types.Values.Where(t => TypeTokens.Package(t.Token) == name).OrderBy(t => t.Token, StringComparer.Ordinal).ToList();
        var functionInfos = functions?.Tokens.Where(t => TypeTokens.Package(t) == name).Order(StringComparer.Ordinal).Select(t => functions.TryGet(t, out var f) ? f : null!).ToList() ?? [];
        return new PackageSchema(name, types, functionInfos);
    }
}
