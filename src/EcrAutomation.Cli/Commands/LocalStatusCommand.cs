using EcrAutomation.Cli.Display;
using EcrAutomation.LocalCloud;
using EcrAutomation.LocalCloud.Eks;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local status</c>: the endpoint, data folder, EKS clusters and front doors of the running local cloud; exit 1 when none runs.</summary>
internal sealed class LocalStatusCommand(CliConsole console)
    : CliCommand("status", "Print the endpoint, data folder, EKS clusters and front doors (load balancer DNS names -> loopback URLs) of the running local cloud", console, LocalCommand.Data)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var data = LocalCommand.DataDirectory(context);
        var state = await LocalCloudProcess.FindRunningAsync(data, cancellationToken);
        if (state is null)
        {
            context.Console.WriteLine($"The local cloud is not running (data folder {data}). Start it with: ecr-automation local start");
            return ExitCodes.Failed;
        }
        context.Console.WriteLine($"endpoint: {state.Endpoint.ToString().TrimEnd('/')}");
        context.Console.WriteLine($"registry: {state.RegistryHost}");
        context.Console.WriteLine($"data:     {state.DataDirectory}");
        context.Console.WriteLine($"account:  {state.AccountId} ({state.Region})");
        context.Console.WriteLine($"pid:      {state.ProcessId}, started {state.StartedAt:u}");
        var clusters = await EksClusterSummary.ListAsync(state, cancellationToken);
        context.Console.WriteLine(clusters.Count == 0 ? "eks:      none" : string.Join('\n', clusters.Select(c => $"eks:      {c.Name} ({c.Status}, Kubernetes {c.Version}) {c.Endpoint}")));
        var doors = await FrontDoorSummary.ListAsync(state, cancellationToken);
        context.Console.WriteLine(doors.Count == 0 ? "front:    none" : string.Join('\n', doors.Select(d => $"front:    {d.HostName} -> {d.Url} ({d.Kind})")));
        return ExitCodes.Success;
    }
}
