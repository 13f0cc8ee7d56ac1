using System.Text.Json;
using EcrAutomation.LocalCloud.Ecr.Messages;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>Repository policies: SetRepositoryPolicy, GetRepositoryPolicy, DeleteRepositoryPolicy.</summary>
internal sealed class RepositoryPolicyHandlers(EcrContext ecr)
{
    private const int MaxPolicyLength = 10240;

    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<SetRepositoryPolicyRequest, RepositoryPolicyResponse>("SetRepositoryPolicy", SetAsync),
        EcrOperation.Create<RepositoryRequest, RepositoryPolicyResponse>("GetRepositoryPolicy", (request, ct) => ReadAsync(request, delete: false, ct)),
        EcrOperation.Create<RepositoryRequest, RepositoryPolicyResponse>("DeleteRepositoryPolicy", (request, ct) => ReadAsync(request, delete: true, ct)),
    ];

    private Task<RepositoryPolicyResponse> SetAsync(SetRepositoryPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var text = EcrContext.Required(request.PolicyText, "policyText");
        if (!IsPolicy(text))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        }

        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            repository.RepositoryPolicyText = text;
            return new RepositoryPolicyResponse(ecr.AccountId, repository.Name, text);
        }, cancellationToken);
    }

    private Task<RepositoryPolicyResponse> ReadAsync(RepositoryRequest request, bool delete, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            var text = repository.RepositoryPolicyText
                ?? throw new EcrException("RepositoryPolicyNotFoundException", $"Repository policy does not exist for the repository with name '{name}' in the registry with id '{ecr.AccountId}'");
            if (delete)
            {
                repository.RepositoryPolicyText = null;
            }

            return new RepositoryPolicyResponse(ecr.AccountId, repository.Name, text);
        }, cancellationToken, save: delete);
    }

    /// <summary>ECR's check, loosely: a JSON object with a <c>Statement</c>, at most 10 KiB.</summary>
    private static bool IsPolicy(string text)
    {
        if (text.Length > MaxPolicyLength)
        {
            return false;
        }

        try
        {
            using var policy = JsonDocument.Parse(text);
            return policy.RootElement.ValueKind == JsonValueKind.Object
                && policy.RootElement.TryGetProperty("Statement", out var statement)
                && statement.ValueKind != JsonValueKind.Null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
