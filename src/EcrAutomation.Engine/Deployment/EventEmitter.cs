using System.Collections.Immutable;
using EcrAutomation.Events;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>Numbers, stamps and delivers engine events in order.</summary>
internal sealed class EventEmitter(Action<EngineEvent>? sink, TimeProvider time)
{
    private readonly object _gate = new();
    private long _sequence;

    public void Emit(EngineEvent e)
    {
        if (sink is null) return;
        lock (_gate)
        {
            sink(e with { Sequence = _sequence++, Timestamp = time.GetUtcNow().ToUnixTimeSeconds() });
        }
    }

    public void Diagnostic(string? urn, DiagnosticSeverity severity, string message) => Emit(new DiagnosticEvent(urn, message, severity));

    public static StepEventStateMetadata? StateOf(ResourceState? r) => r is null ? null : new StepEventStateMetadata(
        r.Urn, r.Type, r.Custom, r.Delete, r.Id ?? "", r.Parent ?? "", r.Protect, r.RetainOnDelete,
        PropertyJson.ToDisplayObject(r.Inputs), PropertyJson.ToDisplayObject(r.Outputs), r.Provider ?? "");

    public static StepEventMetadata Step(OperationType op, string urn, string type, ResourceState? old, ResourceState? @new,
        Providers.DiffResponse? diff = null, bool logical = true)
    {
        IReadOnlyDictionary<string, PropertyDiffEvent>? detailed = diff?.DetailedDiff.ToImmutableSortedDictionary(
            kv => kv.Key, kv => new PropertyDiffEvent(kv.Value, true), StringComparer.Ordinal);
        return new StepEventMetadata(op, urn, type, StateOf(old), StateOf(@new), diff?.ReplaceKeys, diff?.ChangedKeys, detailed, logical);
    }
}
