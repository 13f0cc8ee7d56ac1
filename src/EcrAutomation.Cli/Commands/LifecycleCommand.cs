using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation lifecycle ...</c>: ECR lifecycle policy tools.</summary>
internal sealed class LifecycleCommand : Command
{
    public LifecycleCommand(CliConsole console)
        : base("lifecycle", "ECR lifecycle policy tools")
    {
        Subcommands.Add(new LifecyclePreviewCommand(console));
    }
}
