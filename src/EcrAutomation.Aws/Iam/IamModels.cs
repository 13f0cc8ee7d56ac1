#pragma warning disable CS1591 // Wire shapes only: each mirrors the botocore IAM model (2010-05-08) member for member and is documented in the AWS API reference (docs/architecture.md, "Public API").

namespace EcrAutomation.Aws.Iam;

public sealed record IamTag
{
    public required string Key { get; init; }
    public required string Value { get; init; }
}

public sealed record Role
{
    public string? Path { get; init; }
    public string? RoleName { get; init; }
    public string? RoleId { get; init; }
    public string? Arn { get; init; }
    public DateTimeOffset? CreateDate { get; init; }

    /// <summary>The trust policy JSON (URL-decoded by the client).</summary>
    public string? AssumeRolePolicyDocument { get; init; }
    public string? Description { get; init; }
    public int? MaxSessionDuration { get; init; }
    public List<IamTag>? Tags { get; init; }
}

public sealed record CreateRoleRequest
{
    public string? Path { get; init; }
    public required string RoleName { get; init; }
    public required string AssumeRolePolicyDocument { get; init; }
    public string? Description { get; init; }
    public int? MaxSessionDuration { get; init; }
    public string? PermissionsBoundary { get; init; }
    public IReadOnlyList<IamTag>? Tags { get; init; }
}

public sealed record RoleResult
{
    public Role? Role { get; init; }
}

public sealed record UpdateAssumeRolePolicyRequest
{
    public required string RoleName { get; init; }
    public required string PolicyDocument { get; init; }
}

public sealed record RolePolicyAttachmentRequest
{
    public required string RoleName { get; init; }
    public required string PolicyArn { get; init; }
}

public sealed record AttachedPolicy
{
    public string? PolicyName { get; init; }
    public string? PolicyArn { get; init; }
}

public sealed record ListAttachedRolePoliciesRequest
{
    public required string RoleName { get; init; }
    public string? PathPrefix { get; init; }
    public string? Marker { get; init; }
    public int? MaxItems { get; init; }
}

public sealed record ListAttachedRolePoliciesResult
{
    public List<AttachedPolicy> AttachedPolicies { get; init; } = [];
    public bool IsTruncated { get; init; }
    public string? Marker { get; init; }
}

public sealed record PutRolePolicyRequest
{
    public required string RoleName { get; init; }
    public required string PolicyName { get; init; }
    public required string PolicyDocument { get; init; }
}

public sealed record RolePolicyRequest
{
    public required string RoleName { get; init; }
    public required string PolicyName { get; init; }
}

public sealed record GetRolePolicyResult
{
    public string? RoleName { get; init; }
    public string? PolicyName { get; init; }

    /// <summary>The policy JSON (URL-decoded by the client).</summary>
    public string? PolicyDocument { get; init; }
}

public sealed record ListRolePoliciesRequest
{
    public required string RoleName { get; init; }
    public string? Marker { get; init; }
    public int? MaxItems { get; init; }
}

public sealed record ListRolesRequest
{
    public string? Marker { get; init; }
}

public sealed record ListRolesResult
{
    public List<Role> Roles { get; init; } = [];
    public bool IsTruncated { get; init; }
    public string? Marker { get; init; }
}

public sealed record ListRolePoliciesResult
{
    public List<string> PolicyNames { get; init; } = [];
    public bool IsTruncated { get; init; }
    public string? Marker { get; init; }
}

public sealed record TagRoleRequest
{
    public required string RoleName { get; init; }
    public required IReadOnlyList<IamTag> Tags { get; init; }
}

public sealed record InstanceProfile
{
    public string? Path { get; init; }
    public string? InstanceProfileName { get; init; }
    public string? InstanceProfileId { get; init; }
    public string? Arn { get; init; }
    public DateTimeOffset? CreateDate { get; init; }
    public List<Role> Roles { get; init; } = [];
    public List<IamTag>? Tags { get; init; }
}

public sealed record CreateInstanceProfileRequest
{
    public required string InstanceProfileName { get; init; }
    public string? Path { get; init; }
    public IReadOnlyList<IamTag>? Tags { get; init; }
}

public sealed record InstanceProfileResult
{
    public InstanceProfile? InstanceProfile { get; init; }
}

public sealed record InstanceProfileRoleRequest
{
    public required string InstanceProfileName { get; init; }
    public required string RoleName { get; init; }
}

public sealed record TagInstanceProfileRequest
{
    public required string InstanceProfileName { get; init; }
    public required IReadOnlyList<IamTag> Tags { get; init; }
}

public sealed record UntagInstanceProfileRequest
{
    public required string InstanceProfileName { get; init; }
    public required IReadOnlyList<string> TagKeys { get; init; }
}
