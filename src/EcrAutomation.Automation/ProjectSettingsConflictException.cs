namespace EcrAutomation.Automation;

/// <summary>Project settings given to the workspace disagree with the Pulumi.yaml already on disk.</summary>
public sealed class ProjectSettingsConflictException(string message) : AutomationException(message);
