using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary><c>aws:ecr/repositoryPolicy:RepositoryPolicy</c>: an IAM policy document on a repository, stored with sorted keys.</summary>
internal sealed class RepositoryPolicyProvider : IResourceProvider
{
    public const string Type = "aws:ecr/repositoryPolicy:RepositoryPolicy";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.TryGetValue("policy", out var p) && !p.ContainsUnknowns())
        {
            var text = p.Unsecret() is { Kind: PropertyKind.Map } m ? JsonSerializer.Serialize(PropertyJson.ToDisplayObject(m.AsMap)) : inputs.GetString("policy");
            try { inputs = inputs.Set("policy", PropertyValue.Of(Normalize(text ?? ""))); }
            catch (JsonException e) { failures.Add(new CheckFailure("policy", $"the policy is not valid JSON: {e.Message}")); }
        }
        else if (!inputs.ContainsKey("policy")) failures.Add(new CheckFailure("policy", "the policy document is required"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>JSON with object keys sorted, no whitespace.</summary>
    public static string Normalize(string json) => Sort(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(i => Sort(i?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["repository"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default) =>
        new(request.Inputs.GetString("repository")!, await SetAsync(request, request.Inputs, cancellationToken).ConfigureAwait(false));

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) =>
        new(await SetAsync(request, request.NewInputs, cancellationToken).ConfigureAwait(false));

    private static async Task<PropertyMap> SetAsync(ProviderRequest request, PropertyMap inputs, CancellationToken cancellationToken)
    {
        var ecr = AwsConnections.For(request).Ecr;
        var response = await AwsCall.RunAsync(() => ecr.SetRepositoryPolicyAsync(new SetRepositoryPolicyRequest
        {
            RepositoryName = inputs.GetString("repository")!,
            PolicyText = inputs.GetString("policy")!,
        }, cancellationToken)).ConfigureAwait(false);
        return inputs.Set("registryId", PropertyValue.Of(response.RegistryId));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        RepositoryPolicyResponse response;
        try { response = await ecr.GetRepositoryPolicyAsync(new RepositoryRequest { RepositoryName = request.Id }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode is EcrErrorCodes.RepositoryPolicyNotFound or EcrErrorCodes.RepositoryNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        var inputs = (request.Inputs ?? PropertyMap.Empty).Set("repository", PropertyValue.Of(request.Id)).Set("policy", PropertyValue.Of(Normalize(response.PolicyText!)));
        return new ReadResponse(request.Id, inputs.Set("registryId", PropertyValue.Of(response.RegistryId)), inputs);
    }

    /// <summary>The repository's policy, if it is the one the inputs ask for (then an interrupted put took effect).</summary>
    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        RepositoryPolicyAdoption.FindInterruptedPutAsync(this, request, cancellationToken);

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        try { await ecr.DeleteRepositoryPolicyAsync(new RepositoryRequest { RepositoryName = request.Id }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode is EcrErrorCodes.RepositoryPolicyNotFound or EcrErrorCodes.RepositoryNotFound) { }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}
