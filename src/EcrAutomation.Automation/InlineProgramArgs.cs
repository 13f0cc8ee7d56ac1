namespace EcrAutomation.Automation;

/// <summary>An inline program bound to a project and stack name.</summary>
public sealed class InlineProgramArgs : LocalWorkspaceOptions
{
    /// <summary>Binds a program to a project and stack.</summary>
    /// <param name="projectName">The project's name (written to <c>Pulumi.yaml</c> when the work folder has none).</param>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="program">The program its operations run.</param>
    public InlineProgramArgs(string projectName, string stackName, PulumiFn program)
    {
        ProjectName = projectName;
        StackName = stackName;
        Program = program;
    }

    /// <summary>The project's name.</summary>
    public string ProjectName { get; }
    /// <summary>The stack's name.</summary>
    public string StackName { get; }
}
