using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>Adoption for the one-per-repository policies (lifecycle policy, repository policy), whose id is the repository.</summary>
internal static class RepositoryPolicyAdoption
{
    /// <summary>The repository's policy, if it is the one the inputs ask for (then an interrupted put took effect).</summary>
    public static async Task<ReadResponse?> FindInterruptedPutAsync(IResourceProvider provider, FindRequest request, CancellationToken cancellationToken) =>
        request.Inputs.GetString("repository") is { } repository
            && await provider.ReadAsync(new ReadRequest(request.Urn, request.Type, request.Name, repository, request.Inputs, null) { Config = request.Config, Scope = request.Scope }, cancellationToken).ConfigureAwait(false) is { } found
            && found.Inputs?.GetString("policy") == request.Inputs.GetString("policy")
            ? found with { Inputs = request.Inputs }
            : null;
}
