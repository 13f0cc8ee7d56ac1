using EcrAutomation.Lifecycle;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>Validates, previews and applies lifecycle policies with the shared EcrAutomation.Lifecycle library.</summary>
internal sealed class LifecycleRunner(RegistryState state)
{
    /// <summary>Throws ECR's InvalidParameterException for a policy AWS would refuse.</summary>
    public static LifecyclePolicy Validate(string text)
    {
        if (text.Length < LifecyclePolicy.MinTextLength)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'Member must have length greater than or equal to {LifecyclePolicy.MinTextLength}'");
        }

        if (text.Length > LifecyclePolicy.MaxTextLength)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'Member must have length less than or equal to {LifecyclePolicy.MaxTextLength}'");
        }

        try
        {
            return LifecyclePolicy.Parse(text);
        }
        catch (LifecyclePolicyValidationException ex)
        {
            throw EcrException.InvalidParameter(ex.Message);
        }
    }

    /// <summary>Evaluates a policy against a repository (call under the state lock).</summary>
    public LifecyclePreviewRecord Preview(RepositoryRecord repository, string policyText)
    {
        var expired = Evaluate(repository, Validate(policyText));
        return new LifecyclePreviewRecord
        {
            PolicyText = policyText,
            Status = "COMPLETE",
            Results = [.. expired.Select(e => new LifecyclePreviewEntry(e.Image.Digest, [.. e.Image.Tags], e.Image.PushedAt, e.AppliedRulePriority))],
        };
    }

    /// <summary>Expires images as the stored policies say (all repositories with a policy, or one).</summary>
    public async Task<LifecycleApplyResult> ApplyAsync(string? repositoryName, CancellationToken cancellationToken = default)
    {
        var plans = await state.LockedAsync(() =>
        {
            var repositories = repositoryName is null ? state.RepositoriesLocked() : [state.GetLocked(repositoryName)];
            var result = new List<(string Name, List<ExpiredImage> Expired)>();
            foreach (var repository in repositories)
            {
                if (repository.LifecyclePolicyText is null)
                {
                    continue;
                }

                LifecyclePolicy policy;
                try
                {
                    policy = LifecyclePolicy.Parse(repository.LifecyclePolicyText);
                }
                catch (LifecyclePolicyValidationException)
                {
                    continue;
                }

                result.Add((repository.Name, Evaluate(repository, policy)));
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);

        var expired = new List<ExpiredImageInfo>();
        foreach (var (name, images) in plans)
        {
            if (images.Count > 0)
            {
                var outcome = await state.DeleteImagesAsync(name, [.. images.Select(e => ((string?)e.Image.Digest, (string?)null))], cancellationToken).ConfigureAwait(false);
                var deleted = outcome.Deleted.Select(d => d.Digest).ToHashSet(StringComparer.Ordinal);
                expired.AddRange(images
                    .Where(e => deleted.Contains(e.Image.Digest))
                    .Select(e => new ExpiredImageInfo(name, e.Image.Digest, [.. e.Image.Tags], e.AppliedRulePriority)));
            }

            await state.LockedAsync(async () =>
            {
                if (state.FindLocked(name) is { } repository)
                {
                    repository.LifecyclePolicyLastEvaluatedAt = state.Time.GetUtcNow();
                    await state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
        }

        return new LifecycleApplyResult(expired);
    }

    public Task<int> CollectGarbageAsync(CancellationToken cancellationToken = default) => state.CollectGarbageAsync(cancellationToken);

    /// <summary>
    /// Images the policy expires, indexes first. Images referenced by a manifest list that stays are not expired
    /// (AWS: "an image referenced by a manifest list cannot expire until the list is deleted").
    /// </summary>
    private List<ExpiredImage> Evaluate(RepositoryRecord repository, LifecyclePolicy policy)
    {
        var images = repository.Images.Values
            .Select(i => new LifecycleImage(i.Digest, [.. Enumerable.Reverse(i.Tags)], i.PushedAt, i.LastPulledAt))
            .ToList();
        var evaluation = LifecycleEvaluator.Evaluate(policy, images, state.Time.GetUtcNow());
        var expiring = evaluation.Expire.Select(e => e.Image.Digest).ToHashSet(StringComparer.Ordinal);
        var protectedChildren = repository.Images.Values
            .Where(i => !expiring.Contains(i.Digest))
            .SelectMany(i => i.ChildManifests)
            .ToHashSet(StringComparer.Ordinal);
        return [.. evaluation.Expire
            .Where(e => !protectedChildren.Contains(e.Image.Digest))
            .OrderBy(e => repository.Images[e.Image.Digest].ChildManifests.Count > 0 ? 0 : 1)];
    }
}
