namespace EcrAutomation.Eks;

/// <summary>An IAM user mapped to a Kubernetes user and groups in the <c>aws-auth</c> ConfigMap (<see cref="ClusterArgs.UserMappings"/>).</summary>
public sealed class UserMappingArgs
{
    private InputList<string>? _groups;

    /// <summary>The ARN of the IAM user.</summary>
    public required Input<string> UserArn { get; init; }

    /// <summary>The Kubernetes user name the user acts as.</summary>
    public required Input<string> Username { get; init; }

    /// <summary>The Kubernetes groups the user is in.</summary>
    public InputList<string> Groups { get => _groups ??= []; init => _groups = value; }
}
