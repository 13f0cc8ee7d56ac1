using System.CommandLine;

namespace EcrAutomation.Cli.Commands;

internal static partial class Cli
{
    private static Command ConfigCommands()
    {
        var config = new Command("config", "Manage stack configuration");
        var key = new Argument<string>("key") { Description = "namespace:name (a bare name uses the project's namespace)" };
        var value = new Argument<string>("value");
        var secret = new Option<bool>("--secret") { Description = "Encrypt the value (needs PULUMI_CONFIG_PASSPHRASE)" };
        var get = new Command("get", "Print one config value");
        get.Arguments.Add(key);
        get.Options.Add(StackOption);
        get.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            Console.WriteLine((await s.GetConfigAsync(parse.GetValue(key)!, ct)).Value);
            return ExitCodes.Success;
        }));
        var set = new Command("set", "Set a config value");
        set.Arguments.Add(key);
        set.Arguments.Add(value);
        set.Options.Add(StackOption);
        set.Options.Add(secret);
        set.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, true, ct);
            await s.SetConfigAsync(parse.GetValue(key)!, new EcrAutomation.Automation.ConfigValue(parse.GetValue(value)!, parse.GetValue(secret)), ct);
            return ExitCodes.Success;
        }));
        var rm = new Command("rm", "Remove a config value");
        rm.Arguments.Add(key);
        rm.Options.Add(StackOption);
        rm.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            await s.RemoveConfigAsync(parse.GetValue(key)!, ct);
            return ExitCodes.Success;
        }));
        config.Subcommands.Add(get);
        config.Subcommands.Add(set);
        config.Subcommands.Add(rm);
        return config;
    }
}
