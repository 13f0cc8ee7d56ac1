namespace EcrAutomation.Eks;

/// <summary>
/// A managed policy for <see cref="ServiceRoleArgs.ManagedPolicies"/>: <paramref name="Id"/> names the attachment (it is
/// hashed into its logical name, so use the policy's ARN in the <c>aws</c> partition), <paramref name="Arn"/> is attached.
/// </summary>
/// <param name="Id">A stable identifier of the policy, e.g. <c>arn:aws:iam::aws:policy/AmazonEKSClusterPolicy</c>.</param>
/// <param name="Arn">The policy ARN in the stack's partition.</param>
public sealed record ManagedPolicy(string Id, Input<string> Arn);
