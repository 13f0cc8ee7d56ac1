using EcrAutomation.Cli;
using EcrAutomation.Cli.Display;

return await CliApplication.RunAsync(args, CliConsole.System());
