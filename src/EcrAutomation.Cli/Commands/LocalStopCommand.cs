using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local stop</c>: stops the running local cloud; its data stays for the next start.</summary>
internal sealed class LocalStopCommand(CliConsole console)
    : CliCommand("stop", "Stop the running local cloud (its data stays: ECR, and what moto serves, replayed on the next start)", console, LocalCommand.Data)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var stopped = await LocalCloudProcess.StopAsync(LocalCommand.DataDirectory(context), TimeSpan.FromSeconds(15), cancellationToken);
        context.Console.WriteLine(stopped ? "The local cloud has stopped." : "The local cloud was not running.");
        return ExitCodes.Success;
    }
}
