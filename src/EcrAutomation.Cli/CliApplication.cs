using System.CommandLine;
using System.CommandLine.Parsing;
using EcrAutomation.Cli.Commands;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli;

/// <summary>Runs one <c>ecr-automation</c> command line against a console.</summary>
internal static class CliApplication
{
    /// <summary>
    /// Parses and runs <paramref name="args"/>. Parse errors are bad input (exit 2), help and the version go to the console
    /// too, and Ctrl+C/SIGTERM wait for the command to finish canceling (see <see cref="Termination"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var parse = new ToolCommand(console).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.WriteError(error.Message);
            console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.BadInput;
        }
        using var termination = new Termination(console);
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(invocation, termination.Token);
    }

    private static string CommandPath(CommandResult? result) =>
        result is null ? "" : result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "ecr-automation";
}
