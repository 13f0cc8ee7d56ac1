using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Logs;

/// <summary>CloudWatch Logs client (awsJson1.1, target prefix <c>Logs_20140328.</c>).</summary>
public sealed class LogsClient
{
    /// <summary>The X-Amz-Target prefix.</summary>
    public const string TargetPrefix = "Logs_20140328.";

    private readonly AwsJsonProtocol _protocol;

    internal LogsClient(AwsRequestExecutor executor) => _protocol = new AwsJsonProtocol(executor, AwsServiceInfo.Logs, TargetPrefix);

    /// <summary>CreateLogGroup.</summary>
    public Task CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<CreateLogGroupRequest, EmptyResponse>("CreateLogGroup", request, cancellationToken);

    /// <summary>DescribeLogGroups (one page).</summary>
    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeLogGroupsRequest, DescribeLogGroupsResponse>("DescribeLogGroups", request, cancellationToken);

    /// <summary>DescribeLogGroups, every page.</summary>
    public IAsyncEnumerable<LogGroup> DescribeAllLogGroupsAsync(DescribeLogGroupsRequest? request = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => DescribeLogGroupsAsync((request ?? new()) with { NextToken = token }, ct),
            page => page.LogGroups, page => page.NextToken, cancellationToken);

    /// <summary>The log group with exactly this name, or null.</summary>
    public async Task<LogGroup?> FindLogGroupAsync(string logGroupName, CancellationToken cancellationToken = default)
    {
        await foreach (var group in DescribeAllLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = logGroupName }, cancellationToken).ConfigureAwait(false))
        {
            if (group.LogGroupName == logGroupName)
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>DeleteLogGroup.</summary>
    public Task DeleteLogGroupAsync(DeleteLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DeleteLogGroupRequest, EmptyResponse>("DeleteLogGroup", request, cancellationToken);

    /// <summary>PutRetentionPolicy.</summary>
    public Task PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<PutRetentionPolicyRequest, EmptyResponse>("PutRetentionPolicy", request, cancellationToken);
}
