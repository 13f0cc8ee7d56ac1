namespace EcrAutomation.Automation;

/// <summary>An inline program bound to a project and stack name.</summary>
public sealed class InlineProgramArgs : LocalWorkspaceOptions
{
    public InlineProgramArgs(string projectName, string stackName, PulumiFn program)
    {
        ProjectName = projectName;
        StackName = stackName;
        Program = program;
    }

    public string ProjectName { get; }
    public string StackName { get; }
}
