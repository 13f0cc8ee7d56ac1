using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;
using EcrAutomation.Secrets;
using EcrAutomation.State;
using EcrAutomation.Yaml;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// A verb of the tool: its options, and an action that runs with the shared pieces (<see cref="CommandContext"/>) and
/// turns expected failures into a one-line error and the exit code for them.
/// </summary>
internal abstract class CliCommand : Command
{
    protected CliCommand(string name, string description, CliConsole console, params Option[] options)
        : base(name, description)
    {
        foreach (var option in options) Options.Add(option);
        SetAction((parse, cancellationToken) => RunAsync(new CommandContext(parse, console), cancellationToken));
    }

    protected abstract Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        try { return await ExecuteAsync(context, cancellationToken); }
        catch (OperationCanceledException)
        {
            context.Console.WriteError("canceled");
            return ExitCodes.Canceled;
        }
        catch (YamlProgramException e)
        {
            // pulumi-yaml's form: every diagnostic, each with its file, line and column.
            foreach (var diagnostic in e.Diagnostics) context.Console.Error.WriteLine(diagnostic.ToString());
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (ExitCodeFor(e) is { } code)
        {
            context.Console.WriteError(e.Message);
            return code;
        }
    }

    /// <summary>Bad input exits 2 (the message says how to fix it), other expected failures 1; anything else is a bug and surfaces as one.</summary>
    private static int? ExitCodeFor(Exception e) => e switch
    {
        UsageException or ConfigException or InvalidInputException or SecretsProviderException => ExitCodes.BadInput,
        AutomationException or SecretsException or StateException or IOException => ExitCodes.Failed,
        _ => null,
    };
}
