using System.Text.Json;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation history</c>: the stack's updates, newest first.</summary>
internal sealed class HistoryCommand(CliConsole console)
    : CliCommand("history", "Show the stack's updates, newest first", console, CommonOptions.Stack, CommonOptions.Json)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var history = await session.Stack.GetHistoryAsync(cancellationToken: cancellationToken);
        if (context.Get(CommonOptions.Json))
        {
            context.Console.WriteLine(JsonSerializer.Serialize(history));
            return ExitCodes.Success;
        }
        foreach (var h in history)
            context.Console.WriteLine($"{h.StartTime:u}  {h.Kind,-8} {h.Result,-9} {string.Join(", ", h.ResourceChanges?.Select(kv => $"{kv.Key.ToString().ToLowerInvariant()}: {kv.Value}") ?? [])}  {h.Message}");
        return ExitCodes.Success;
    }
}
