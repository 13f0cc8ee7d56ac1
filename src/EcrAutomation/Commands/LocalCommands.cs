using System.CommandLine;
using EcrAutomation.Host.Cloud;
using EcrAutomation.LocalCloud;
using EcrAutomation.LocalCloud.Eks;

namespace EcrAutomation.Host.Commands;

/// <summary><c>ecr-automation local start|status|stop|serve</c>: the offline AWS endpoint with a real ECR.</summary>
internal static class LocalCommands
{
    private static readonly Option<int?> PortOption = new("--port") { Description = $"Port on 127.0.0.1 (default {LocalCloudTarget.DefaultPort}, or ECR_AUTOMATION_LOCAL_PORT; 0 picks a free one)" };
    private static readonly Option<string?> DataOption = new("--data") { Description = "Data folder (default $ECR_AUTOMATION_HOME/local-cloud)" };
    private static readonly Option<bool> NoMotoOption = new("--no-moto") { Description = "Serve ECR only; do not start moto_server for the other services" };

    public static Command Build()
    {
        var local = new Command("local", "Run the local cloud: ECR API + image registry on one loopback endpoint, other AWS services via moto");
        local.Subcommands.Add(Start());
        local.Subcommands.Add(Status());
        local.Subcommands.Add(Stop());
        local.Subcommands.Add(Serve());
        return local;
    }

    private static string Data(ParseResult parse) => parse.GetValue(DataOption) ?? LocalCloudTarget.DataDirectory;
    private static int Port(ParseResult parse) => parse.GetValue(PortOption) ?? LocalCloudTarget.Port;

    private static Command Start()
    {
        var command = new Command("start", "Start the local cloud in the background and print its endpoint");
        command.Options.Add(PortOption);
        command.Options.Add(DataOption);
        command.SetAction(async (parse, ct) =>
        {
            var data = Data(parse);
            var running = await LocalCloudProcess.FindRunningAsync(data, ct);
            if (running is not null)
            {
                Console.WriteLine(running.Endpoint.ToString().TrimEnd('/'));
                return ExitCodes.Success;
            }
            try
            {
                var state = await LocalCloudTarget.StartDetachedAsync(Port(parse), data, ct);
                Console.WriteLine(state.Endpoint.ToString().TrimEnd('/'));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"error: {e.Message} See {Path.Combine(data, "local-cloud.log")}.");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Print the endpoint and data folder of the running local cloud");
        command.Options.Add(DataOption);
        command.SetAction(async (parse, ct) =>
        {
            var state = await LocalCloudProcess.FindRunningAsync(Data(parse), ct);
            if (state is null)
            {
                Console.WriteLine($"The local cloud is not running (data folder {Data(parse)}). Start it with: ecr-automation local start");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"endpoint: {state.Endpoint.ToString().TrimEnd('/')}");
            Console.WriteLine($"registry: {state.RegistryHost}");
            Console.WriteLine($"data:     {state.DataDirectory}");
            Console.WriteLine($"account:  {state.AccountId} ({state.Region})");
            Console.WriteLine($"pid:      {state.ProcessId}, started {state.StartedAt:u}");
            var clusters = await EksClusterSummary.ListAsync(state, ct);
            Console.WriteLine(clusters.Count == 0 ? "eks:      none" : string.Join('\n', clusters.Select(c => $"eks:      {c.Name} ({c.Status}, Kubernetes {c.Version}) {c.Endpoint}")));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stop()
    {
        var command = new Command("stop", "Stop the running local cloud (its data stays: ECR, and what moto serves, replayed on the next start)");
        command.Options.Add(DataOption);
        command.SetAction(async (parse, ct) =>
        {
            var stopped = await LocalCloudProcess.StopAsync(Data(parse), TimeSpan.FromSeconds(15), ct);
            Console.WriteLine(stopped ? "The local cloud has stopped." : "The local cloud was not running.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Serve()
    {
        var command = new Command("serve", "Run the local cloud in the foreground until Ctrl+C or SIGTERM");
        command.Options.Add(PortOption);
        command.Options.Add(DataOption);
        command.Options.Add(NoMotoOption);
        command.SetAction(async (parse, ct) =>
        {
            await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions
            {
                Port = Port(parse),
                DataDirectory = Data(parse),
                StartMoto = !parse.GetValue(NoMotoOption),
            }, ct);
            Console.WriteLine($"Local cloud listening on {server.Endpoint.ToString().TrimEnd('/')} (registry {server.RegistryHost}, data {server.DataDirectory})");
            try { await Task.WhenAny(server.Completion, Task.Delay(Timeout.Infinite, ct)); }
            catch (OperationCanceledException) { }
            return ExitCodes.Success;
        });
        return command;
    }
}
