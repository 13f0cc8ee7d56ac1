using System.CommandLine;
using System.Text.Json;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// <c>ecr-automation outputs [NAME]</c>: the stack's outputs, secrets hidden unless asked for; with a name, only that
/// output's value (a string as it is, an object or list as JSON), so <c>ecr-automation outputs kubeconfig &gt; file</c>
/// writes a file other tools read.
/// </summary>
internal sealed class OutputsCommand : CliCommand
{
    private static readonly Argument<string?> OutputName = new("name")
    {
        Description = "Print only this output's value (a string as it is, an object or list as JSON)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public OutputsCommand(CliConsole console)
        : base("outputs", "Print the stack's outputs", console, CommonOptions.Stack, CommonOptions.Json, CommonOptions.ShowSecrets)
    {
        Arguments.Add(OutputName);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var outputs = await session.Stack.GetOutputsAsync(cancellationToken);
        var show = context.Get(CommonOptions.ShowSecrets);
        var values = outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.IsSecret && !show ? "[secret]" : kv.Value.Value);
        if (context.Get(OutputName) is { } name)
        {
            if (!values.TryGetValue(name, out var value))
                throw new UsageException($"the stack has no output '{name}'; its outputs are: {(values.Count == 0 ? "none" : string.Join(", ", values.Keys))}");
            context.Console.WriteLine(context.Get(CommonOptions.Json) ? JsonSerializer.Serialize(value) : Text(value));
            return ExitCodes.Success;
        }
        if (context.Get(CommonOptions.Json))
        {
            context.Console.WriteLine(JsonSerializer.Serialize(values));
            return ExitCodes.Success;
        }
        context.Console.WriteLine("Current stack outputs (" + values.Count + "):");
        context.Console.WriteLine("    OUTPUT  VALUE");
        foreach (var (k, v) in values) context.Console.WriteLine($"    {k}  {Text(v)}");
        return ExitCodes.Success;
    }

    /// <summary>A string as it is; anything else (objects, lists, numbers) as JSON.</summary>
    private static string Text(object? value) => value as string ?? JsonSerializer.Serialize(value);
}
