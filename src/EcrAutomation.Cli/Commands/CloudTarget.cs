using EcrAutomation.Automation;

namespace EcrAutomation.Cli.Commands;

/// <summary>The stack's config as a run sees it, and the part of it that is for this run only (<see cref="UpdateOptions.ConfigOverrides"/>).</summary>
internal sealed record CloudTarget(IReadOnlyDictionary<string, string> Config, Dictionary<string, ConfigValue> RunConfig);
