namespace EcrAutomation.Aws.Eks;

/// <summary>One page of ListClusters.</summary>
internal sealed record ListClustersResponse
{
    public IReadOnlyList<string>? Clusters { get; init; }
    public string? NextToken { get; init; }
}
