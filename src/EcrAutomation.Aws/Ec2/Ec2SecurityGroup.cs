namespace EcrAutomation.Aws.Ec2;

/// <summary>A security group with its rules and tags, as <see cref="Ec2Client"/> reports it.</summary>
public sealed record Ec2SecurityGroup
{
    /// <summary>The group id, <c>sg-…</c>.</summary>
    public required string GroupId { get; init; }

    /// <summary>The group name, unique within its VPC.</summary>
    public string? GroupName { get; init; }

    /// <summary>The description given at creation (it cannot change).</summary>
    public string? Description { get; init; }

    /// <summary>The VPC the group belongs to.</summary>
    public string? VpcId { get; init; }

    /// <summary>The account that owns the group.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The inbound rules.</summary>
    public IReadOnlyList<Ec2IpPermission> IpPermissions { get; init; } = [];

    /// <summary>The outbound rules (a new group has one allowing everything).</summary>
    public IReadOnlyList<Ec2IpPermission> IpPermissionsEgress { get; init; } = [];

    /// <summary>The group's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
