#pragma warning disable CS1591 // Wire shapes only: each mirrors the botocore CloudWatch Logs model (2014-03-28) member for member and is documented in the AWS API reference (docs/architecture.md, "Public API").

namespace EcrAutomation.Aws.Logs;

public sealed record CreateLogGroupRequest
{
    public required string LogGroupName { get; init; }
    public string? KmsKeyId { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

public sealed record DeleteLogGroupRequest
{
    public required string LogGroupName { get; init; }
}

public sealed record DescribeLogGroupsRequest
{
    public string? LogGroupNamePrefix { get; init; }
    public string? NextToken { get; init; }
    public int? Limit { get; init; }
}

public sealed record LogGroup
{
    public string? LogGroupName { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? CreationTime { get; init; }
    public int? RetentionInDays { get; init; }
    public long? StoredBytes { get; init; }
    public string? Arn { get; init; }
    public string? LogGroupArn { get; init; }
    public string? KmsKeyId { get; init; }
}

public sealed record DescribeLogGroupsResponse
{
    public IReadOnlyList<LogGroup> LogGroups { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record PutRetentionPolicyRequest
{
    public required string LogGroupName { get; init; }
    public required int RetentionInDays { get; init; }
}
