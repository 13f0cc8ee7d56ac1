using System.Collections.Concurrent;
using EcrAutomation.Events;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>Records the engine events of one operation.</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<EngineEvent> _events = new();

    public Action<EngineEvent> Handler => _events.Enqueue;

    public IReadOnlyList<EngineEvent> Events => [.. _events];

    /// <summary>Resource types (short) in the order their steps of <paramref name="op"/> finished.</summary>
    public List<string> Finished(OperationType op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => e.Metadata.Type)];

    public IReadOnlyList<(string Type, string Urn)> Steps(OperationType op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => (e.Metadata.Type, e.Metadata.Urn))];

    public IReadOnlyList<DiagnosticEvent> Diagnostics => [.. _events.OfType<DiagnosticEvent>()];
}
