#pragma warning disable CS1591 // Shapes mirror the botocore EKS model (2017-11-01).

namespace EcrAutomation.Aws.Eks;

public sealed record VpcConfigRequest
{
    public IReadOnlyList<string>? SubnetIds { get; init; }
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
    public bool? EndpointPublicAccess { get; init; }
    public bool? EndpointPrivateAccess { get; init; }
    public IReadOnlyList<string>? PublicAccessCidrs { get; init; }
}

public sealed record VpcConfigResponse
{
    public IReadOnlyList<string>? SubnetIds { get; init; }
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
    public string? ClusterSecurityGroupId { get; init; }
    public string? VpcId { get; init; }
    public bool EndpointPublicAccess { get; init; }
    public bool EndpointPrivateAccess { get; init; }
    public IReadOnlyList<string>? PublicAccessCidrs { get; init; }
}

public sealed record Certificate
{
    public string? Data { get; init; }
}

public sealed record EksCluster
{
    public string? Name { get; init; }
    public string? Arn { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Version { get; init; }
    public string? Endpoint { get; init; }
    public string? RoleArn { get; init; }
    public VpcConfigResponse? ResourcesVpcConfig { get; init; }
    public string? Status { get; init; }
    public Certificate? CertificateAuthority { get; init; }
    public string? PlatformVersion { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? Id { get; init; }
    public AccessConfigResponse? AccessConfig { get; init; }
    public EksIdentity? Identity { get; init; }
}

public sealed record EksIdentity
{
    public EksOidc? Oidc { get; init; }
}

public sealed record EksOidc
{
    public string? Issuer { get; init; }
}

public sealed record CreateAccessConfigRequest
{
    public bool? BootstrapClusterCreatorAdminPermissions { get; init; }
    public string? AuthenticationMode { get; init; }
}

public sealed record AccessConfigResponse
{
    public bool? BootstrapClusterCreatorAdminPermissions { get; init; }
    public string? AuthenticationMode { get; init; }
}

public sealed record CreateEksClusterRequest
{
    public required string Name { get; init; }
    public string? Version { get; init; }
    public required string RoleArn { get; init; }
    public required VpcConfigRequest ResourcesVpcConfig { get; init; }
    public string? ClientRequestToken { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public CreateAccessConfigRequest? AccessConfig { get; init; }
    public bool? BootstrapSelfManagedAddons { get; init; }
}

public sealed record EksClusterResponse
{
    public EksCluster? Cluster { get; init; }
}

/// <summary>EKS error codes (from <c>x-amzn-ErrorType</c>).</summary>
public static class EksErrorCodes
{
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceInUse = "ResourceInUseException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string InvalidRequest = "InvalidRequestException";
}


public sealed record UpdateClusterVersionRequest
{
    public required string Version { get; init; }
    public string? ClientRequestToken { get; init; }
}

public sealed record EksErrorDetail
{
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record EksUpdate
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<EksErrorDetail>? Errors { get; init; }
}

public sealed record EksUpdateResponse
{
    public EksUpdate? Update { get; init; }
}

public sealed record NodegroupScalingConfig
{
    public int? MinSize { get; init; }
    public int? MaxSize { get; init; }
    public int? DesiredSize { get; init; }
}

public sealed record CreateNodegroupRequest
{
    public required string NodegroupName { get; init; }
    public required string NodeRole { get; init; }
    public required IReadOnlyList<string> Subnets { get; init; }
    public NodegroupScalingConfig? ScalingConfig { get; init; }
    public IReadOnlyList<string>? InstanceTypes { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ClientRequestToken { get; init; }
    public string? AmiType { get; init; }
    public string? CapacityType { get; init; }
    public int? DiskSize { get; init; }
    public IReadOnlyList<EksTaint>? Taints { get; init; }
    public string? Version { get; init; }
    public string? ReleaseVersion { get; init; }
}

public sealed record EksTaint
{
    public string? Key { get; init; }
    public string? Value { get; init; }
    public string? Effect { get; init; }
}

public sealed record EksNodegroup
{
    public string? NodegroupName { get; init; }
    public string? NodegroupArn { get; init; }
    public string? ClusterName { get; init; }
    public string? Version { get; init; }
    public string? ReleaseVersion { get; init; }
    public string? Status { get; init; }
    public string? CapacityType { get; init; }
    public NodegroupScalingConfig? ScalingConfig { get; init; }
    public IReadOnlyList<string>? InstanceTypes { get; init; }
    public IReadOnlyList<string>? Subnets { get; init; }
    public string? AmiType { get; init; }
    public string? NodeRole { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public int? DiskSize { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public IReadOnlyList<EksTaint>? Taints { get; init; }
}

public sealed record EksNodegroupResponse
{
    public EksNodegroup? Nodegroup { get; init; }
}

public sealed record ListNodegroupsResponse
{
    public IReadOnlyList<string>? Nodegroups { get; init; }
}

public sealed record UpdateLabelsPayload
{
    public IReadOnlyDictionary<string, string>? AddOrUpdateLabels { get; init; }
    public IReadOnlyList<string>? RemoveLabels { get; init; }
}

public sealed record UpdateTaintsPayload
{
    public IReadOnlyList<EksTaint>? AddOrUpdateTaints { get; init; }
    public IReadOnlyList<EksTaint>? RemoveTaints { get; init; }
}

public sealed record UpdateNodegroupConfigRequest
{
    public NodegroupScalingConfig? ScalingConfig { get; init; }
    public UpdateLabelsPayload? Labels { get; init; }
    public UpdateTaintsPayload? Taints { get; init; }
    public string? ClientRequestToken { get; init; }
}

public sealed record UpdateNodegroupVersionRequest
{
    public string? Version { get; init; }
    public string? ReleaseVersion { get; init; }
    public bool? Force { get; init; }
    public string? ClientRequestToken { get; init; }
}

public sealed record CreateAddonRequest
{
    public required string AddonName { get; init; }
    public string? AddonVersion { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public string? ResolveConflicts { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ClientRequestToken { get; init; }
    public string? ConfigurationValues { get; init; }
}

public sealed record UpdateAddonRequest
{
    public string? AddonVersion { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public string? ResolveConflicts { get; init; }
    public string? ConfigurationValues { get; init; }
    public string? ClientRequestToken { get; init; }
}

public sealed record EksAddon
{
    public string? AddonName { get; init; }
    public string? ClusterName { get; init; }
    public string? Status { get; init; }
    public string? AddonVersion { get; init; }
    public string? AddonArn { get; init; }
    public string? ServiceAccountRoleArn { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ConfigurationValues { get; init; }
}

public sealed record EksAddonResponse
{
    public EksAddon? Addon { get; init; }
}

public sealed record DescribeAddonVersionsResponse
{
    public IReadOnlyList<EksAddonInfo>? Addons { get; init; }
    public string? NextToken { get; init; }
}

public sealed record EksAddonInfo
{
    public string? AddonName { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<EksAddonVersionInfo>? AddonVersions { get; init; }
}

public sealed record EksAddonVersionInfo
{
    public string? AddonVersion { get; init; }
    public IReadOnlyList<EksAddonCompatibility>? Compatibilities { get; init; }
}

public sealed record EksAddonCompatibility
{
    public string? ClusterVersion { get; init; }
    public bool DefaultVersion { get; init; }
}
