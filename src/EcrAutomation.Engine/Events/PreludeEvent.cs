using System.Collections.Immutable;

namespace EcrAutomation.Events;

/// <summary>First event: the configuration the operation runs with (secrets shown as [secret]).</summary>
/// <param name="Config">The config keys and values the run uses, secrets as <c>[secret]</c>.</param>
public sealed record PreludeEvent(ImmutableSortedDictionary<string, string> Config) : EngineEvent;
