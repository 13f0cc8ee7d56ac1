namespace EcrAutomation.Eks;

/// <summary>The AWS managed policies the component attaches, named as pulumi-eks names them.</summary>
internal static class ManagedPolicies
{
    /// <summary>
    /// An AWS managed policy: its id is the policy's ARN in the <c>aws</c> partition (stable, so the attachment's logical
    /// name is the same in every partition), its ARN the one in the stack's partition.
    /// </summary>
    public static ManagedPolicy Aws(Output<string> partition, string policyName) =>
        new($"arn:aws:iam::aws:policy/{policyName}", partition.Apply(p => $"arn:{p}:iam::aws:policy/{policyName}"));
}
