using EcrAutomation.Automation;

namespace EcrAutomation.Cli.Workers;

/// <summary>What one scheduled run deploys: the stack, its program and the config for that run only (e.g. the local cloud's connection).</summary>
internal sealed record ScheduledRun(WorkspaceStack Stack, PulumiFn Program, IDictionary<string, ConfigValue> RunConfig);
