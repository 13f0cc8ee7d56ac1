namespace EcrAutomation.Eks;

/// <summary>Inputs of <see cref="ServiceRole"/> (pulumi-eks' <c>ServiceRoleArgs</c>).</summary>
public sealed class ServiceRoleArgs
{
    /// <summary>The service principal that may assume the role, e.g. <c>ec2.amazonaws.com</c>.</summary>
    public required Input<string> Service { get; init; }

    /// <summary>A description of the role.</summary>
    public Input<string>? Description { get; init; }

    /// <summary>Managed policies to attach.</summary>
    public IReadOnlyList<ManagedPolicy>? ManagedPolicies { get; init; }

    /// <summary>The actions the trust policy allows; unset means <c>sts:AssumeRole</c>.</summary>
    public IReadOnlyList<string>? AssumeRoleActions { get; init; }

    /// <summary>Tags for the role.</summary>
    public InputMap<string>? Tags { get; init; }
}
