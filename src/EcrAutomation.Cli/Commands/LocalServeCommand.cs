using System.CommandLine;
using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local serve</c>: runs the local cloud in the foreground until Ctrl+C or SIGTERM (what <c>local start</c> runs detached).</summary>
internal sealed class LocalServeCommand(CliConsole console)
    : CliCommand("serve", "Run the local cloud in the foreground until Ctrl+C or SIGTERM", console, LocalCommand.Port, LocalCommand.Data, NoMoto)
{
    private static readonly Option<bool> NoMoto = new("--no-moto") { Description = "Serve ECR only; do not start moto_server for the other services" };

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = LocalCommand.PortNumber(context),
            DataDirectory = LocalCommand.DataDirectory(context),
            StartMoto = !context.Get(NoMoto),
        }, cancellationToken);
        context.Console.WriteLine($"Local cloud listening on {server.Endpoint.ToString().TrimEnd('/')} (registry {server.RegistryHost}, data {server.DataDirectory})");
        try { await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, cancellationToken)); }
        catch (OperationCanceledException) { }
        return ExitCodes.Success;
    }
}
