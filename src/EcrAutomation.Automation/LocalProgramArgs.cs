namespace EcrAutomation.Automation;

/// <summary>
/// A project folder and stack name (Pulumi's <c>LocalProgramArgs</c>): the folder's <c>Pulumi.yaml</c> names the project,
/// and with <c>runtime: yaml</c> its YAML program is the program the stack runs.
/// </summary>
public sealed class LocalProgramArgs : LocalWorkspaceOptions
{
    /// <summary>Binds a stack to a project folder.</summary>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="workDir">The project folder, with its <c>Pulumi.yaml</c>.</param>
    public LocalProgramArgs(string stackName, string workDir)
    {
        StackName = stackName;
        WorkDir = workDir;
    }

    /// <summary>The stack's name.</summary>
    public string StackName { get; }
}
