namespace EcrAutomation.Automation;

/// <summary>A stack's state in Pulumi's export form (<c>{version, deployment}</c>), from <see cref="WorkspaceStack.ExportStackAsync"/> or for <see cref="WorkspaceStack.ImportStackAsync"/>.</summary>
/// <param name="Version">The export format version (3).</param>
/// <param name="Json">The export as JSON text, as <c>pulumi stack export</c> writes it.</param>
public sealed record StackDeployment(int Version, string Json)
{
    /// <summary>Wraps an export read from a file (ours or Pulumi's) for import.</summary>
    /// <param name="json">The export's JSON text.</param>
    public static StackDeployment FromJsonString(string json) => new(3, json);
}
