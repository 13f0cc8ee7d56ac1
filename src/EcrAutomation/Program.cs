using EcrAutomation.Host.Commands;

return await Cli.RunAsync(args);
