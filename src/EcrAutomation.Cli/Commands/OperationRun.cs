using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary>One run of an operation command: the stack, the program (for preview and up) and the run's common options.</summary>
internal sealed class OperationRun(CommandContext context, WorkspaceStack stack, PulumiFn? program, Dictionary<string, ConfigValue> runConfig, ConsoleRenderer renderer)
{
    public CommandContext Context { get; } = context;

    public WorkspaceStack Stack { get; } = stack;

    /// <summary>The program preview and up run; null for refresh and destroy, which work on the state.</summary>
    public PulumiFn? Program { get; } = program;

    /// <summary>Fills in the options every operation takes from the command line and the display; the verb adds its own.</summary>
    public T Options<T>(T options) where T : UpdateOptions
    {
        options.OnStandardOutput = renderer.OnStandardOutput;
        options.OnEvent = renderer.OnEvent;
        options.OnProgressReport = renderer.OnProgressReport;
        options.Parallel = Context.Get(CommonOptions.Parallel);
        options.Target = Context.Get(CommonOptions.Target)?.ToList();
        options.Message = Context.Get(CommonOptions.Message);
        options.ConfigOverrides = runConfig;
        return options;
    }
}
