using System.CommandLine;
using EcrAutomation.Cli.Cloud;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation local start|status|stop|serve|url</c>: the offline AWS endpoint with a real ECR, and the options its verbs share.</summary>
internal sealed class LocalCommand : Command
{
    public static readonly Option<int?> Port = new("--port") { Description = $"Port on 127.0.0.1 (default {LocalCloudTarget.DefaultPort}, or ECR_AUTOMATION_LOCAL_PORT; 0 picks a free one)" };
    public static readonly Option<string?> Data = new("--data") { Description = "Data folder (default $ECR_AUTOMATION_HOME/local-cloud)" };

    public LocalCommand(CliConsole console)
        : base("local", "Run the local cloud: ECR API + image registry on one loopback endpoint, other AWS services via moto")
    {
        Subcommands.Add(new LocalStartCommand(console));
        Subcommands.Add(new LocalStatusCommand(console));
        Subcommands.Add(new LocalStopCommand(console));
        Subcommands.Add(new LocalServeCommand(console));
        Subcommands.Add(new LocalUrlCommand(console));
    }

    /// <summary>The data folder: <c>--data</c>, else the default one.</summary>
    public static string DataDirectory(CommandContext context) => context.Get(Data) ?? LocalCloudTarget.DataDirectory;

    /// <summary>The port: <c>--port</c>, else the default one.</summary>
    public static int PortNumber(CommandContext context) => context.Get(Port) ?? LocalCloudTarget.Port;
}
