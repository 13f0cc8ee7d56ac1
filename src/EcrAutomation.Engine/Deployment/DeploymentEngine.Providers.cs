using System.Collections.Concurrent;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

public sealed partial class DeploymentEngine
{
    private const string ProviderTypePrefix = "pulumi:providers:";
    private readonly ConcurrentDictionary<string, Lazy<ResourceState>> _defaultProviders = new(StringComparer.Ordinal);

    /// <summary>Provider resources live in state only, for Pulumi compatibility: no provider calls, no events.</summary>
    internal static bool IsProviderResource(ResourceState r) => r.Type.StartsWith(ProviderTypePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The reference (<c>&lt;provider urn&gt;::&lt;id&gt;</c>) to the stack's default provider of a resource's package, as
    /// Pulumi writes in each custom resource's <c>provider</c> field. The provider resource itself
    /// (<c>pulumi:providers:&lt;pkg&gt;::default</c>, inputs = that package's config) is recorded once per update.
    /// </summary>
    private string DefaultProviderReference(string type, int firstUserSequence)
    {
        var package = type.Split(':')[0];
        var provider = _defaultProviders.GetOrAdd(package, p => new Lazy<ResourceState>(() => RecordDefaultProvider(p, firstUserSequence - 0.5))).Value;
        return $"{provider.Urn}::{provider.Id}";
    }

    private ResourceState RecordDefaultProvider(string package, double order)
    {
        var urn = Urns.Create(_request.Stack, _request.Project, ProviderTypePrefix + package, "default");
        _registered.TryAdd(urn, 0);
        var prefix = package + ":";
        var inputs = PropertyMap.From(_request.Config
            .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(kv => KeyValuePair.Create(kv.Key[prefix.Length..], _request.SecretConfigKeys.Contains(kv.Key)
                ? PropertyValue.Secret(PropertyValue.Of(kv.Value)) : PropertyValue.Of(kv.Value))));
        _oldLive.TryGetValue(urn, out var old);
        var state = new ResourceState
        {
            Urn = urn,
            Type = ProviderTypePrefix + package,
            Custom = true,
            Id = old?.Id ?? Guid.NewGuid().ToString(),
            Inputs = inputs,
            Outputs = inputs,
            Created = old?.Created ?? _request.Time.GetUtcNow(),
            Modified = old is not null && old.Inputs.Equals(inputs) ? old.Modified : _request.Time.GetUtcNow(),
        };
        if (!DryRun && (old is null || !old.SameAs(state))) _live.End(null, state, sequence: order);
        return state;
    }
}
