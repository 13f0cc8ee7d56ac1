using EcrAutomation.Cli.Commands;

return await Cli.RunAsync(args);
