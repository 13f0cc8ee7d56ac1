using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>
/// Lifecycle policies and their previews: PutLifecyclePolicy, GetLifecyclePolicy, DeleteLifecyclePolicy,
/// StartLifecyclePolicyPreview, GetLifecyclePolicyPreview.
/// </summary>
internal sealed class LifecyclePolicyHandlers(EcrContext ecr, LifecycleRunner lifecycle)
{
    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<LifecyclePolicyRequest, LifecyclePolicyResponse>("PutLifecyclePolicy", PutAsync),
        EcrOperation.Create<LifecyclePolicyRequest, LifecyclePolicyResponse>("GetLifecyclePolicy", (request, ct) => ReadAsync(request, delete: false, ct)),
        EcrOperation.Create<LifecyclePolicyRequest, LifecyclePolicyResponse>("DeleteLifecyclePolicy", (request, ct) => ReadAsync(request, delete: true, ct)),
        EcrOperation.Create<LifecyclePolicyRequest, StartLifecyclePolicyPreviewResponse>("StartLifecyclePolicyPreview", StartPreviewAsync),
        EcrOperation.Create<LifecyclePolicyRequest, GetLifecyclePolicyPreviewResponse>("GetLifecyclePolicyPreview", GetPreviewAsync),
    ];

    private Task<LifecyclePolicyResponse> PutAsync(LifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var text = EcrContext.Required(request.LifecyclePolicyText, "lifecyclePolicyText");
        LifecycleRunner.Validate(text);
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            repository.LifecyclePolicyText = text;
            return new LifecyclePolicyResponse(ecr.AccountId, repository.Name, text);
        }, cancellationToken);
    }

    private Task<LifecyclePolicyResponse> ReadAsync(LifecyclePolicyRequest request, bool delete, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            var text = repository.LifecyclePolicyText ?? throw PolicyNotFound(name);
            var response = new LifecyclePolicyResponse(
                ecr.AccountId,
                repository.Name,
                text,
                repository.LifecyclePolicyLastEvaluatedAt is { } at ? EcrContext.Epoch(at) : null);
            if (delete)
            {
                repository.LifecyclePolicyText = null;
                repository.LifecyclePolicyLastEvaluatedAt = null;
            }

            return response;
        }, cancellationToken, save: delete);
    }

    private async Task<StartLifecyclePolicyPreviewResponse> StartPreviewAsync(LifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var text = request.LifecyclePolicyText;
        if (text is not null)
        {
            LifecycleRunner.Validate(text);
        }

        var state = ecr.State;
        var preview = await state.LockedAsync(async () =>
        {
            var repository = state.GetLocked(name);
            var policy = text ?? repository.LifecyclePolicyText ?? throw PolicyNotFound(name);
            repository.LifecyclePreview = lifecycle.Preview(repository, policy);
            await state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
            return repository.LifecyclePreview;
        }, cancellationToken).ConfigureAwait(false);
        return new StartLifecyclePolicyPreviewResponse(ecr.AccountId, name, preview.PolicyText, "IN_PROGRESS");
    }

    private async Task<GetLifecyclePolicyPreviewResponse> GetPreviewAsync(LifecyclePolicyRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var ids = EcrRequestParsing.ImageIds(request.ImageIds, required: false);
        var tagStatus = EcrRequestParsing.TagStatus(request.Filter);
        var state = ecr.State;
        var preview = await state.LockedAsync(
            () => state.GetLocked(name).LifecyclePreview
                ?? throw new EcrException("LifecyclePolicyPreviewNotFoundException", "There is no dry run for this repository."),
            cancellationToken).ConfigureAwait(false);
        IEnumerable<LifecyclePreviewEntry> entries = preview.Results;
        if (ids is not null)
        {
            entries = entries.Where(e => ids.Any(id => (id.ImageDigest is null || id.ImageDigest == e.ImageDigest) && (id.ImageTag is null || e.ImageTags.Contains(id.ImageTag))));
        }

        var results = entries
            .Where(e => EcrRequestParsing.MatchesTagStatus(e.ImageTags.Count, tagStatus))
            .Select(e => new LifecyclePreviewResult(
                e.ImageTags.Count > 0 ? e.ImageTags : null,
                e.ImageDigest,
                EcrContext.Epoch(e.ImagePushedAt),
                new LifecyclePreviewAction("EXPIRE"),
                e.AppliedRulePriority,
                "STANDARD"))
            .ToList();
        var (page, next) = EcrPagination.Paginate(results, request, 100, 100);
        return new GetLifecyclePolicyPreviewResponse(
            ecr.AccountId,
            name,
            preview.PolicyText,
            preview.Status,
            page,
            new LifecyclePreviewSummary(preview.Results.Count),
            next);
    }

    private EcrException PolicyNotFound(string name)
        => new("LifecyclePolicyNotFoundException", $"Lifecycle policy does not exist for the repository with name '{name}' in the registry with id '{ecr.AccountId}'");
}
