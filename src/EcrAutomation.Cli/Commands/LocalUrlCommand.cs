using System.CommandLine;
using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// <c>ecr-automation local url &lt;address&gt;</c>: the loopback URL that serves a cloud address (an ALB's DNS name, a
/// stack's <c>url</c> output) on the running local cloud, for <c>curl</c>; exit 2 with the known names when none does.
/// </summary>
internal sealed class LocalUrlCommand : CliCommand
{
    private static readonly Argument<string> Address = new("address")
    {
        Description = "A load balancer DNS name or URL (e.g. the ECS program's url output); path and query are kept",
    };

    public LocalUrlCommand(CliConsole console)
        : base("url", "Print the loopback URL that serves a load balancer's DNS name (or a URL on it) on the running local cloud", console, LocalCommand.Data)
        => Arguments.Add(Address);

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var data = LocalCommand.DataDirectory(context);
        var state = await LocalCloudProcess.FindRunningAsync(data, cancellationToken);
        if (state is null)
        {
            context.Console.WriteError($"The local cloud is not running (data folder {data}). Start it with: ecr-automation local start");
            return ExitCodes.Failed;
        }

        var address = context.Get(Address) ?? string.Empty;
        var doors = await FrontDoorSummary.ListAsync(state, cancellationToken);
        var url = FrontDoorSummary.Resolve(doors, address)
            ?? throw new UsageException(doors.Count == 0
                ? $"No front door serves '{address}': the local cloud has no load balancers with listeners. Deploy one (e.g. up with the ecs program), then run: ecr-automation local status"
                : $"No front door serves '{address}'. Known names: {string.Join(", ", doors.Select(d => d.HostName))}");
        context.Console.WriteLine(url.ToString());
        return ExitCodes.Success;
    }
}
