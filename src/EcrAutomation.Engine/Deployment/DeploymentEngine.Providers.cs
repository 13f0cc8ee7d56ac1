using System.Collections.Concurrent;
using EcrAutomation.Events;
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
    /// default provider, else the explicit provider's with that id (from this run's program, or from the state for a
    /// resource that is refreshed or deleted, or that was replaced together with its provider and is deleted with the
    /// provider's old config).
    /// </summary>
    private IReadOnlyDictionary<string, string> ConfigFor(string? reference)
    {
        if (reference is null || ProviderReferences.IsDefault(reference)) return _request.Config;
        var urn = ProviderReferences.UrnOf(reference);
        var id = ProviderReferences.IdOf(reference);
        var provider = new[] { _explicitProviders.GetValueOrDefault(urn), _oldLive.GetValueOrDefault(urn) }
            .Concat(_old.Resources.Where(r => r.Urn == urn))
            .FirstOrDefault(p => p is not null && p.Id == id)
            ?? throw new ResourceProviderException($"the provider '{reference}' of this resource is not in the program or the stack's state");
        return ProviderReferences.Config(provider, _request.Config);
    }

    /// <summary>
    /// Whether a resource's provider changed so that it must be replaced: its explicit provider was replaced (same URN,
    /// new id), or it moved to another provider (default or explicit) whose configuration of <paramref name="package"/>
    /// differs, which would re-target it. Moving to a provider with the same configuration (making the default provider
    /// explicit, renaming a provider) changes nothing; a provider updated in place keeps its id, so its resources are
    /// diffed as usual.
    /// </summary>
    private bool ProviderChanged(string package, string? oldReference, string? newReference)
    {
        if (oldReference is null || newReference is null || oldReference == newReference) return false;
        if (ProviderReferences.UrnOf(oldReference) == ProviderReferences.UrnOf(newReference)) return true;
        try { return !PackageConfig(ConfigFor(oldReference), package).SequenceEqual(PackageConfig(ConfigFor(newReference), package)); }
        catch (ResourceProviderException) { return true; } // a provider we cannot read: replacing is the safe answer
    }

    private static IEnumerable<KeyValuePair<string, string>> PackageConfig(IReadOnlyDictionary<string, string> config, string package) =>
        config.Where(kv => kv.Key.StartsWith(package + ":", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>The diff of a resource whose provider changed: a replacement caused by <c>provider</c>, as Pulumi shows it.</summary>
    private static readonly DiffResponse ProviderChangeDiff = new(true, ["provider"], ["provider"],
        new Dictionary<string, DiffKind>(StringComparer.Ordinal) { ["provider"] = DiffKind.UpdateReplace });

    /// <summary>
    /// An explicit provider resource (<see cref="ProviderResource"/>): recorded with its inputs as its config and a stable
    /// id; it makes no provider calls. When its package's <see cref="ProviderReplacementRule"/> says a change of inputs
    /// replaces it, it gets a new id (so every resource using it is replaced) and the old one stays in state, marked for
    /// deletion, until the resources that used it are deleted with its config. Its step is shown like any resource's.
    /// </summary>
    private RegistrationResult ExplicitProviderStep(ResourceRegistration reg)
    {
        var old = FindOld(reg);
        var package = reg.Type[ProviderTypePrefix.Length..];
        var replace = old is not null && !old.Inputs.Equals(reg.Inputs) && _request.Providers.RequiresReplacement(package, old.Inputs, reg.Inputs);
        var state = NewState(reg, reg.Inputs, old) with { Id = replace ? Guid.NewGuid().ToString() : old?.Id ?? Guid.NewGuid().ToString(), Outputs = reg.Inputs };
        _explicitProviders[reg.Urn] = state;
        if (replace)
        {
            ReplaceProviderStep(reg, old!, state);
        }
        else
        {
            var op = old is null ? OperationType.Create : old.Inputs.Equals(state.Inputs) && old.Urn == reg.Urn ? OperationType.Same : OperationType.Update;
            RecordWithoutProviderCall(reg, old, state, op, "provider");
        }
        return new RegistrationResult(reg.Urn, state.Id, state.Outputs, DryRun);
    }

    private void ReplaceProviderStep(ResourceRegistration reg, ResourceState old, ResourceState state)
    {
        if (_options.ExpectNoChanges)
        {
            Fail(reg.Urn, "no changes were expected but this provider would be replaced");
            throw new DeploymentStepException("unexpected change");
        }
        var diff = ProviderDiff.Compare(old.Inputs, state.Inputs, old.Inputs.Keys.Union(state.Inputs.Keys));
        var metadata = EventEmitter.Step(OperationType.Replace, reg.Urn, reg.Type, old, state, diff);
        _events.Emit(new ResourcePreEvent(metadata, DryRun));
        if (!DryRun)
        {
            _live.MarkForDeletion(old);
            _live.End(null, state, old.Urn != reg.Urn ? (old.Urn, false) : null, reg.Sequence);
        }
        _replaced.Enqueue(old with { Delete = true });
        Count(OperationType.Replace);
        _events.Emit(new ResourceOutputsEvent(metadata, DryRun));
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
