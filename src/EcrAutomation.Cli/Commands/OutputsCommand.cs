using System.Text.Json;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation outputs</c>: the stack's outputs, secrets hidden unless asked for.</summary>
internal sealed class OutputsCommand(CliConsole console)
    : CliCommand("outputs", "Print the stack's outputs", console, CommonOptions.Stack, CommonOptions.Json, CommonOptions.ShowSecrets)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var outputs = await session.Stack.GetOutputsAsync(cancellationToken);
        var show = context.Get(CommonOptions.ShowSecrets);
        var values = outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.IsSecret && !show ? "[secret]" : kv.Value.Value);
        if (context.Get(CommonOptions.Json))
        {
            context.Console.WriteLine(JsonSerializer.Serialize(values));
            return ExitCodes.Success;
        }
        context.Console.WriteLine("Current stack outputs (" + values.Count + "):");
        context.Console.WriteLine("    OUTPUT  VALUE");
        foreach (var (k, v) in values) context.Console.WriteLine($"    {k}  {v}");
        return ExitCodes.Success;
    }
}
