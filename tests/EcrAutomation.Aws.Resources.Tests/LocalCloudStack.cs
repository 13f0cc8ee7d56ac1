using EcrAutomation.Automation;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>The local cloud with ECR only, for the repository tests.</summary>
public sealed class LocalCloudStack() : LocalCloudWorkspace("repo-tests", startMoto: false)
{
    public Task<WorkspaceStack> StackAsync(PulumiFn program, string stack = "dev") => StackAsync(stack, program);
}
