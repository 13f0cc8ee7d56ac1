using System.Collections.Immutable;

namespace EcrAutomation.Events;

/// <summary>First event: the configuration the operation runs with (secrets shown as [secret]).</summary>
public sealed record PreludeEvent(ImmutableSortedDictionary<string, string> Config) : EngineEvent;
