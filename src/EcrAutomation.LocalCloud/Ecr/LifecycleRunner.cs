using System.Text.Json;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>Validates, previews and applies lifecycle policies (placeholder until the shared library is wired).</summary>
internal sealed class LifecycleRunner(RegistryState state)
{
    private const string Prefix = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ";

    public void Validate(string text)
    {
        if (text.Length is < 100 or > 30720)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'Member must have length between 100 and 30720'");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw EcrException.InvalidParameter(Prefix + "Could not map policyString into LifecyclePolicy.'");
        }
    }

    public Task<LifecycleApplyResult> ApplyAsync(string? repositoryName, CancellationToken cancellationToken = default)
    {
        _ = repositoryName;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new LifecycleApplyResult([]));
    }

    public Task<int> CollectGarbageAsync(CancellationToken cancellationToken = default) => state.CollectGarbageAsync(cancellationToken);

    public LifecyclePreviewRecord Preview(RepositoryRecord repository, string policyText)
    {
        _ = repository;
        return new LifecyclePreviewRecord { PolicyText = policyText };
    }
}
