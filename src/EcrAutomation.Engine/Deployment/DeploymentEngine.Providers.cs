using System.Collections.Concurrent;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

internal sealed partial class DeploymentEngine
{
    private const string ProviderTypePrefix = ProviderReferences.TypePrefix;
    private readonly ConcurrentDictionary<string, Lazy<ResourceState>> _defaultProviders = new(StringComparer.Ordinal);
    /// <summary>The explicit providers this run's program registered, by URN (also at preview, when nothing is recorded).</summary>
    private readonly ConcurrentDictionary<string, ResourceState> _explicitProviders = new(StringComparer.Ordinal);

    /// <summary>Provider resources live in state only, for Pulumi compatibility: no provider calls.</summary>
    internal static bool IsProviderResource(ResourceState r) => ProviderReferences.IsProviderType(r.Type);

    /// <summary>
    /// The config a provider call sees for a resource using the provider <paramref name="reference"/>: the stack's for the
    /// default provider, else the explicit provider's (from this run's program, or from the state for a resource that is
    /// refreshed or deleted).
    /// </summary>
    private IReadOnlyDictionary<string, string> ConfigFor(string? reference)
    {
        if (reference is null || ProviderReferences.IsDefault(reference)) return _request.Config;
        var urn = ProviderReferences.UrnOf(reference);
        var provider = _explicitProviders.GetValueOrDefault(urn)
            ?? _oldLive.GetValueOrDefault(urn)
            ?? _old.Resources.FirstOrDefault(r => r.Urn == urn)
            ?? throw new ResourceProviderException($"the provider '{urn}' of this resource is not in the program or the stack's state");
        return ProviderReferences.Config(provider, _request.Config);
    }

    /// <summary>
    /// An explicit provider resource (<see cref="ProviderResource"/>): recorded with its inputs as its config and a stable
    /// id; it makes no provider calls. Its step is shown like any resource's.
    /// </summary>
    private RegistrationResult ExplicitProviderStep(ResourceRegistration reg)
    {
        var old = FindOld(reg);
        var state = NewState(reg, reg.Inputs, old) with { Id = old?.Id ?? Guid.NewGuid().ToString(), Outputs = reg.Inputs };
        _explicitProviders[reg.Urn] = state;
        var op = old is null ? OperationType.Create : old.Inputs.Equals(state.Inputs) && old.Urn == reg.Urn ? OperationType.Same : OperationType.Update;
        RecordWithoutProviderCall(reg, old, state, op, "provider");
        return new RegistrationResult(reg.Urn, state.Id, state.Outputs, DryRun);
    }

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
