using System.Collections.Concurrent;

namespace EcrAutomation.Providers;

/// <summary>Maps type tokens to the in-process providers that manage them.</summary>
public sealed class ProviderRegistry
{
    private readonly ConcurrentDictionary<string, IResourceProvider> _byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderReplacementRule> _replacementRules = new(StringComparer.Ordinal);

    /// <summary>Registers a provider for one or more type tokens; a later registration for the same token wins.</summary>
    public ProviderRegistry Add(IResourceProvider provider, params string[] types)
    {
        foreach (var t in types) _byType[t] = provider;
        return this;
    }

    /// <summary>Adds all types of another registry.</summary>
    public ProviderRegistry AddRange(ProviderRegistry other)
    {
        foreach (var (t, p) in other._byType) _byType[t] = p;
        foreach (var (package, rule) in other._replacementRules) _replacementRules[package] = rule;
        return this;
    }

    /// <summary>
    /// Registers when an explicit provider of <paramref name="package"/> (<c>pulumi:providers:&lt;package&gt;</c>) must be
    /// replaced together with its resources because its inputs changed (see <see cref="ProviderReplacementRule"/>); a later
    /// registration for the same package wins.
    /// </summary>
    public ProviderRegistry AddReplacementRule(string package, ProviderReplacementRule rule)
    {
        _replacementRules[package] = rule;
        return this;
    }

    /// <summary>Whether the change of a provider of <paramref name="package"/> from <paramref name="oldInputs"/> to <paramref name="newInputs"/> replaces it.</summary>
    internal bool RequiresReplacement(string package, PropertyMap oldInputs, PropertyMap newInputs) =>
        _replacementRules.TryGetValue(package, out var rule) && rule(oldInputs, newInputs);

    /// <summary>Finds the provider registered for a type token.</summary>
    public bool TryGet(string type, out IResourceProvider provider) => _byType.TryGetValue(type, out provider!);

    /// <summary>The provider registered for a type token.</summary>
    /// <exception cref="ResourceProviderException">None is registered; the message says how to register one.</exception>
    public IResourceProvider Get(string type) => TryGet(type, out var p) ? p
        : throw new ResourceProviderException($"no resource provider is registered for type '{type}'; register one with ProviderRegistry.Add(provider, \"{type}\")");

    /// <summary>The type tokens that have a provider.</summary>
    public IEnumerable<string> Types => _byType.Keys;
}
