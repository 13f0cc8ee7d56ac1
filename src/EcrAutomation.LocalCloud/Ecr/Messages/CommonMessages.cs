using System.Text.Json.Serialization;

namespace EcrAutomation.LocalCloud.Ecr.Messages;

/// <summary>The member every ECR request may carry: the account whose registry it addresses (ours when absent).</summary>
internal record EcrRequest
{
    public string? RegistryId { get; init; }
}

/// <summary>A request about one repository.</summary>
internal record RepositoryRequest : EcrRequest
{
    public string? RepositoryName { get; init; }
}

/// <summary>A request for one page of a list (<c>maxResults</c> and the opaque <c>nextToken</c> of the previous page).</summary>
internal interface IPagedRequest
{
    int? MaxResults { get; }

    string? NextToken { get; }
}

/// <summary>The answer of operations that return no members, written as <c>{}</c>.</summary>
internal sealed record EmptyResponse
{
    public static EmptyResponse Instance { get; } = new();
}

/// <summary>An awsJson1.1 error body.</summary>
internal sealed record ErrorResponse(
    [property: JsonPropertyName("__type")] string Type,
    string Message);
