#pragma warning disable CS1591 // Wire shapes only: each mirrors the botocore ELBv2 model (2015-12-01) member for member and is documented in the AWS API reference (docs/architecture.md, "Public API").

namespace EcrAutomation.Aws.Elb;

public sealed record ElbTag
{
    public required string Key { get; init; }
    public string? Value { get; init; }
}

public sealed record LoadBalancerState
{
    public string? Code { get; init; }
    public string? Reason { get; init; }
}

public sealed record AvailabilityZone
{
    public string? ZoneName { get; init; }
    public string? SubnetId { get; init; }
}

public sealed record LoadBalancer
{
    public string? LoadBalancerArn { get; init; }
    public string? DNSName { get; init; }
    public string? CanonicalHostedZoneId { get; init; }
    public DateTimeOffset? CreatedTime { get; init; }
    public string? LoadBalancerName { get; init; }
    public string? Scheme { get; init; }
    public string? VpcId { get; init; }
    public LoadBalancerState? State { get; init; }
    public string? Type { get; init; }
    public List<AvailabilityZone>? AvailabilityZones { get; init; }
    public List<string>? SecurityGroups { get; init; }
    public string? IpAddressType { get; init; }
}

public sealed record CreateLoadBalancerRequest
{
    public required string Name { get; init; }
    public IReadOnlyList<string>? Subnets { get; init; }
    public IReadOnlyList<string>? SecurityGroups { get; init; }
    public string? Scheme { get; init; }
    public IReadOnlyList<ElbTag>? Tags { get; init; }
    public string? Type { get; init; }
    public string? IpAddressType { get; init; }
}

public sealed record LoadBalancersResult
{
    public List<LoadBalancer> LoadBalancers { get; init; } = [];
    public string? NextMarker { get; init; }
}

public sealed record DescribeLoadBalancersRequest
{
    public IReadOnlyList<string>? LoadBalancerArns { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    public string? Marker { get; init; }
    public int? PageSize { get; init; }
}

public sealed record Matcher
{
    public string? HttpCode { get; init; }
    public string? GrpcCode { get; init; }
}

public sealed record TargetGroup
{
    public string? TargetGroupArn { get; init; }
    public string? TargetGroupName { get; init; }
    public string? Protocol { get; init; }
    public int? Port { get; init; }
    public string? VpcId { get; init; }
    public string? HealthCheckProtocol { get; init; }
    public string? HealthCheckPort { get; init; }
    public bool? HealthCheckEnabled { get; init; }
    public int? HealthCheckIntervalSeconds { get; init; }
    public int? HealthCheckTimeoutSeconds { get; init; }
    public int? HealthyThresholdCount { get; init; }
    public int? UnhealthyThresholdCount { get; init; }
    public string? HealthCheckPath { get; init; }
    public Matcher? Matcher { get; init; }
    public List<string>? LoadBalancerArns { get; init; }
    public string? TargetType { get; init; }
    public string? ProtocolVersion { get; init; }
    public string? IpAddressType { get; init; }
}

public sealed record CreateTargetGroupRequest
{
    public required string Name { get; init; }
    public string? Protocol { get; init; }
    public string? ProtocolVersion { get; init; }
    public int? Port { get; init; }
    public string? VpcId { get; init; }
    public string? HealthCheckProtocol { get; init; }
    public string? HealthCheckPort { get; init; }
    public bool? HealthCheckEnabled { get; init; }
    public string? HealthCheckPath { get; init; }
    public int? HealthCheckIntervalSeconds { get; init; }
    public int? HealthCheckTimeoutSeconds { get; init; }
    public int? HealthyThresholdCount { get; init; }
    public int? UnhealthyThresholdCount { get; init; }
    public Matcher? Matcher { get; init; }
    public string? TargetType { get; init; }
    public IReadOnlyList<ElbTag>? Tags { get; init; }
}

public sealed record TargetGroupsResult
{
    public List<TargetGroup> TargetGroups { get; init; } = [];
    public string? NextMarker { get; init; }
}

public sealed record TargetHealthResult
{
    public List<TargetHealthDescription> TargetHealthDescriptions { get; init; } = [];
}

public sealed record TargetHealthDescription
{
    public TargetDescription? Target { get; init; }
    public string? HealthCheckPort { get; init; }
    public TargetHealthState? TargetHealth { get; init; }
}

public sealed record TargetDescription
{
    public string? Id { get; init; }
    public int? Port { get; init; }
}

public sealed record TargetHealthState
{
    public string? State { get; init; }
    public string? Reason { get; init; }
    public string? Description { get; init; }
}

public sealed record DescribeTargetGroupsRequest
{
    public string? LoadBalancerArn { get; init; }
    public IReadOnlyList<string>? TargetGroupArns { get; init; }
    public IReadOnlyList<string>? Names { get; init; }
    public string? Marker { get; init; }
    public int? PageSize { get; init; }
}

public sealed record ModifyTargetGroupRequest
{
    public required string TargetGroupArn { get; init; }
    public string? HealthCheckProtocol { get; init; }
    public string? HealthCheckPort { get; init; }
    public string? HealthCheckPath { get; init; }
    public bool? HealthCheckEnabled { get; init; }
    public int? HealthCheckIntervalSeconds { get; init; }
    public int? HealthCheckTimeoutSeconds { get; init; }
    public int? HealthyThresholdCount { get; init; }
    public int? UnhealthyThresholdCount { get; init; }
    public Matcher? Matcher { get; init; }
}

public sealed record TargetGroupAttribute
{
    public required string Key { get; init; }
    public string? Value { get; init; }
}

public sealed record ModifyTargetGroupAttributesRequest
{
    public required string TargetGroupArn { get; init; }
    public required IReadOnlyList<TargetGroupAttribute> Attributes { get; init; }
}

public sealed record TargetGroupAttributesResult
{
    public List<TargetGroupAttribute> Attributes { get; init; } = [];
}

public sealed record TargetGroupTuple
{
    public string? TargetGroupArn { get; init; }
    public int? Weight { get; init; }
}

public sealed record ForwardActionConfig
{
    public List<TargetGroupTuple>? TargetGroups { get; init; }
}

public sealed record ListenerAction
{
    public required string Type { get; init; }
    public string? TargetGroupArn { get; init; }
    public int? Order { get; init; }
    public ForwardActionConfig? ForwardConfig { get; init; }
}

public sealed record ElbCertificate
{
    public string? CertificateArn { get; init; }
    public bool? IsDefault { get; init; }
}

public sealed record Listener
{
    public string? ListenerArn { get; init; }
    public string? LoadBalancerArn { get; init; }
    public int? Port { get; init; }
    public string? Protocol { get; init; }
    public List<ElbCertificate>? Certificates { get; init; }
    public string? SslPolicy { get; init; }
    public List<ListenerAction>? DefaultActions { get; init; }
}

public sealed record CreateListenerRequest
{
    public required string LoadBalancerArn { get; init; }
    public string? Protocol { get; init; }
    public int? Port { get; init; }
    public string? SslPolicy { get; init; }
    public IReadOnlyList<ElbCertificate>? Certificates { get; init; }
    public required IReadOnlyList<ListenerAction> DefaultActions { get; init; }
    public IReadOnlyList<ElbTag>? Tags { get; init; }
}

public sealed record ListenersResult
{
    public List<Listener> Listeners { get; init; } = [];
    public string? NextMarker { get; init; }
}

public sealed record DescribeListenersRequest
{
    public string? LoadBalancerArn { get; init; }
    public IReadOnlyList<string>? ListenerArns { get; init; }
    public string? Marker { get; init; }
    public int? PageSize { get; init; }
}

public sealed record ModifyListenerRequest
{
    public required string ListenerArn { get; init; }
    public int? Port { get; init; }
    public string? Protocol { get; init; }
    public string? SslPolicy { get; init; }
    public IReadOnlyList<ElbCertificate>? Certificates { get; init; }
    public IReadOnlyList<ListenerAction>? DefaultActions { get; init; }
}

public sealed record AddTagsRequest
{
    public required IReadOnlyList<string> ResourceArns { get; init; }
    public required IReadOnlyList<ElbTag> Tags { get; init; }
}
