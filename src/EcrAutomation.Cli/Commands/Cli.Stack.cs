using System.CommandLine;
using EcrAutomation.Automation;

namespace EcrAutomation.Cli.Commands;

internal static partial class Cli
{
    private static Command StackCommands()
    {
        var stack = new Command("stack", "Manage stacks");
        var ls = new Command("ls", "List the project's stacks");
        ls.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            foreach (var s in await workspace.ListStacksAsync(ct))
                Console.WriteLine(workspace.NeedsRecovery(s) ? $"{s}  (checkpoint missing, only its backup is left: run `ecr-automation stack recover --stack {s}`)" : s);
            return ExitCodes.Success;
        }));
        var name = new Argument<string?>("name") { Description = "The stack (instead of --stack)", Arity = ArgumentArity.ZeroOrOne };
        var init = new Command("init", "Create a stack");
        init.Arguments.Add(name);
        init.Options.Add(StackOption);
        init.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            await workspace.CreateStackAsync(StackName(parse, name), ct);
            Console.WriteLine($"Created stack '{StackName(parse, name)}'");
            return ExitCodes.Success;
        }));
        var force = new Option<bool>("--force", "-f") { Description = "Remove even if the stack still has resources (they keep running)" };
        var rm = new Command("rm", "Remove a stack and its state");
        rm.Arguments.Add(name);
        rm.Options.Add(StackOption);
        rm.Options.Add(force);
        rm.Options.Add(YesOption);
        rm.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            await workspace.RemoveStackAsync(StackName(parse, name), parse.GetValue(force), ct);
            Console.WriteLine($"Stack '{StackName(parse, name)}' has been removed!");
            return ExitCodes.Success;
        }));
        var file = new Option<string?>("--file") { Description = "The file to write or read (default: stdout/stdin)" };
        var export = new Command("export", "Print the stack's state in Pulumi's export format");
        export.Options.Add(StackOption);
        export.Options.Add(file);
        export.Options.Add(ShowSecretsOption);
        export.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            var deployment = await s.ExportStackAsync(parse.GetValue(ShowSecretsOption), ct);
            if (parse.GetValue(file) is { } path) await File.WriteAllTextAsync(path, deployment.Json, ct);
            else Console.WriteLine(deployment.Json);
            return ExitCodes.Success;
        }));
        var import = new Command("import", "Replace the stack's state with an export (from ecr-automation or Pulumi)");
        import.Options.Add(StackOption);
        import.Options.Add(file);
        import.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            var json = parse.GetValue(file) is { } path ? await File.ReadAllTextAsync(path, ct) : await Console.In.ReadToEndAsync(ct);
            await s.ImportStackAsync(StackDeployment.FromJsonString(json), ct);
            Console.WriteLine("Import complete.");
            return ExitCodes.Success;
        }));
        var recover = new Command("recover", "Restore a stack whose checkpoint is missing from its .json.bak and the journal of the interrupted run");
        recover.Options.Add(StackOption);
        recover.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            var name = parse.GetValue(StackOption)!;
            var records = await workspace.RecoverStackAsync(name, ct);
            Console.WriteLine($"Recovered stack '{name}' from its backup and {records} journal record(s).");
            return ExitCodes.Success;
        }));
        foreach (var c in new[] { ls, init, rm, export, import, recover }) stack.Subcommands.Add(c);
        return stack;
    }

    /// <summary>The stack named as a positional argument (<c>stack rm NAME</c>, as in Pulumi) or with <c>--stack</c>.</summary>
    private static string StackName(ParseResult parse, Argument<string?> name)
    {
        var positional = parse.GetValue(name);
        var option = parse.GetResult(StackOption) is { Implicit: false } ? parse.GetValue(StackOption) : null;
        if (positional is not null && option is not null && positional != option)
            throw new UsageException($"two different stacks named: '{positional}' and --stack '{option}'; give one");
        return positional ?? parse.GetValue(StackOption)!;
    }
}
