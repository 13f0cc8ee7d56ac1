using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary>The <c>ecr-automation</c> command tree; every verb writes to the console it is built with.</summary>
internal sealed class ToolCommand : RootCommand
{
    public ToolCommand(CliConsole console)
        : base("ecr-automation: provision ECR repositories, build and publish images and deploy them, with an embedded Pulumi-compatible engine")
    {
        Options.Add(CommonOptions.Cwd);
        Options.Add(CommonOptions.Backend);
        Subcommands.Add(new PreviewCommand(console));
        Subcommands.Add(new UpCommand(console));
        Subcommands.Add(new RefreshCommand(console));
        Subcommands.Add(new DestroyCommand(console));
        Subcommands.Add(new OutputsCommand(console));
        Subcommands.Add(new HistoryCommand(console));
        Subcommands.Add(new CancelCommand(console));
        Subcommands.Add(new StackCommand(console));
        Subcommands.Add(new ConfigCommand(console));
        Subcommands.Add(new LocalCommand(console));
        Subcommands.Add(new WorkerCommand(console));
        Subcommands.Add(new LifecycleCommand(console));
        Subcommands.Add(new SchemaCommand(console));
    }
}
