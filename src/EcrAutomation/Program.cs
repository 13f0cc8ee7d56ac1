using EcrAutomation.Host.Commands;

return await Cli.Build().Parse(args).InvokeAsync();
