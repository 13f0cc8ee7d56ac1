namespace EcrAutomation.Eks;

/// <summary>An IAM role mapped to a Kubernetes user and groups in the <c>aws-auth</c> ConfigMap (<see cref="ClusterArgs.RoleMappings"/>).</summary>
public sealed class RoleMappingArgs
{
    private InputList<string>? _groups;

    /// <summary>The ARN of the IAM role.</summary>
    public required Input<string> RoleArn { get; init; }

    /// <summary>The Kubernetes user name the role acts as.</summary>
    public required Input<string> Username { get; init; }

    /// <summary>The Kubernetes groups the role is in, e.g. <c>system:masters</c>.</summary>
    public InputList<string> Groups { get => _groups ??= []; init => _groups = value; }
}
