using EcrAutomation.Cli.Cloud;
using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local start</c>: starts the local cloud in the background (or finds the running one) and prints its endpoint.</summary>
internal sealed class LocalStartCommand(CliConsole console)
    : CliCommand("start", "Start the local cloud in the background and print its endpoint", console, LocalCommand.Port, LocalCommand.Data)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var data = LocalCommand.DataDirectory(context);
        var running = await LocalCloudProcess.FindRunningAsync(data, cancellationToken);
        if (running is not null)
        {
            context.Console.WriteLine(running.Endpoint.ToString().TrimEnd('/'));
            return ExitCodes.Success;
        }
        try
        {
            var state = await LocalCloudTarget.StartDetachedAsync(LocalCommand.PortNumber(context), data, cancellationToken);
            context.Console.WriteLine(state.Endpoint.ToString().TrimEnd('/'));
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            context.Console.WriteError($"{e.Message} See {Path.Combine(data, "local-cloud.log")}.");
            return ExitCodes.Failed;
        }
    }
}
