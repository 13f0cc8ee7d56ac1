namespace EcrAutomation.Automation;

/// <summary>A stack's state in Pulumi's export form (<c>{version, deployment}</c>).</summary>
public sealed record StackDeployment(int Version, string Json)
{
    public static StackDeployment FromJsonString(string json) => new(3, json);
}
