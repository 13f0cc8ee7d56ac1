using EcrAutomation.LocalCloud.Ecr.Messages;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>Tags of a repository by its ARN: TagResource, UntagResource, ListTagsForResource.</summary>
internal sealed class ResourceTagHandlers(EcrContext ecr)
{
    private const int MaxTags = 50;

    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<ResourceTagsRequest, EmptyResponse>("TagResource", TagAsync),
        EcrOperation.Create<ResourceTagsRequest, EmptyResponse>("UntagResource", UntagAsync),
        EcrOperation.Create<ResourceTagsRequest, ListTagsForResourceResponse>("ListTagsForResource", ListAsync),
    ];

    private Task<EmptyResponse> TagAsync(ResourceTagsRequest request, CancellationToken cancellationToken)
    {
        var name = ecr.RepositoryFromArn(EcrContext.Required(request.ResourceArn, "resourceArn"));
        var tags = EcrRequestParsing.Tags(request.Tags ?? throw EcrException.InvalidParameter("Invalid parameter at 'tags' failed to satisfy constraint: 'Member must not be null'"));
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            foreach (var tag in tags)
            {
                repository.Tags.RemoveAll(t => t.Key == tag.Key);
                repository.Tags.Add(tag);
            }

            if (repository.Tags.Count > MaxTags)
            {
                throw new EcrException("TooManyTagsException", "The repository can have at most 50 tags.");
            }

            return EmptyResponse.Instance;
        }, cancellationToken);
    }

    private Task<EmptyResponse> UntagAsync(ResourceTagsRequest request, CancellationToken cancellationToken)
    {
        var name = ecr.RepositoryFromArn(EcrContext.Required(request.ResourceArn, "resourceArn"));
        var keys = EcrRequestParsing.Strings(request.TagKeys)
            ?? throw EcrException.InvalidParameter("Invalid parameter at 'tagKeys' failed to satisfy constraint: 'Member must not be null'");
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            repository.Tags.RemoveAll(t => keys.Contains(t.Key));
            return EmptyResponse.Instance;
        }, cancellationToken);
    }

    private Task<ListTagsForResourceResponse> ListAsync(ResourceTagsRequest request, CancellationToken cancellationToken)
    {
        var name = ecr.RepositoryFromArn(EcrContext.Required(request.ResourceArn, "resourceArn"));
        return ecr.State.LockedAsync(() => new ListTagsForResourceResponse(EcrRequestParsing.Tags(ecr.State.GetLocked(name).Tags)), cancellationToken);
    }
}
