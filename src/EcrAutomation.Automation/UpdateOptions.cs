using EcrAutomation.Automation.Display;
using EcrAutomation.Events;

namespace EcrAutomation.Automation;

/// <summary>Options shared by every operation (Pulumi's names).</summary>
public class UpdateOptions
{
    /// <summary>Maximum provider operations in flight.</summary>
    public int? Parallel { get; set; }
    /// <summary>A message recorded with the operation in the stack's history.</summary>
    public string? Message { get; set; }
    /// <summary>URNs to operate on; everything else is left alone.</summary>
    public List<string>? Target { get; set; }
    /// <summary>Receives each line of the human-readable progress (the same text the CLI prints).</summary>
    public Action<string>? OnStandardOutput { get; set; }
    /// <summary>Receives each typed engine event, in order.</summary>
    public Action<EngineEvent>? OnEvent { get; set; }
    /// <summary>
    /// Receives, once and before the run starts, the progress report the run's text output is built from. The report is
    /// updated as engine events arrive and is safe to render from another thread at any time, so a live display draws
    /// the same tree the final text shows instead of building its own.
    /// </summary>
    public Action<ProgressReport>? OnProgressReport { get; set; }
    /// <summary>
    /// Config values for this run only, over the stack's (e.g. from command-line flags, or the endpoint and credentials of
    /// the cloud a host points the stack's providers at). Not written to the stack file; secret ones are encrypted in state
    /// and hidden in history like the stack's own secrets.
    /// </summary>
    public IDictionary<string, ConfigValue>? ConfigOverrides { get; set; }
}
