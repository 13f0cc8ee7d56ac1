using System.CommandLine;
using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local serve</c>: runs the local cloud in the foreground until Ctrl+C or SIGTERM (what <c>local start</c> runs detached).</summary>
internal sealed class LocalServeCommand(CliConsole console)
    : CliCommand("serve", "Run the local cloud in the foreground until Ctrl+C or SIGTERM", console, LocalCommand.Port, LocalCommand.Data, NoMoto, NoContainers)
{
    /// <summary>Set to <c>0</c> in the environment of <c>local start</c> (or of any command that starts the local cloud) for <see cref="NoContainers"/>.</summary>
    public const string ContainersVariable = "ECR_AUTOMATION_LOCAL_CONTAINERS";

    private static readonly Option<bool> NoMoto = new("--no-moto") { Description = "Serve ECR only; do not start moto_server for the other services" };
    private static readonly Option<bool> NoContainers = new("--no-containers")
    {
        Description = $"Record ECS tasks and Kubernetes pods without running them as containers (also {ContainersVariable}=0)",
    };

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = LocalCommand.PortNumber(context),
            DataDirectory = LocalCommand.DataDirectory(context),
            StartMoto = !context.Get(NoMoto),
            RunContainers = !context.Get(NoContainers) && Environment.GetEnvironmentVariable(ContainersVariable) != "0",
        }, cancellationToken);
        context.Console.WriteLine($"Local cloud listening on {server.Endpoint.ToString().TrimEnd('/')} (registry {server.RegistryHost}, data {server.DataDirectory})");
        try { await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, cancellationToken)); }
        catch (OperationCanceledException) { }
        return ExitCodes.Success;
    }
}
