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
}

public sealed record CreateEksClusterRequest
{
    public required string Name { get; init; }
    public string? Version { get; init; }
    public required string RoleArn { get; init; }
    public required VpcConfigRequest ResourcesVpcConfig { get; init; }
    public string? ClientRequestToken { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
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
