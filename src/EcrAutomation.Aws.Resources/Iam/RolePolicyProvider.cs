using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// <c>aws:iam/rolePolicy:RolePolicy</c>: an inline policy on a role, id <c>&lt;role&gt;:&lt;name&gt;</c>; the document updates in place.
/// </summary>
internal sealed class RolePolicyProvider : IResourceProvider
{
    public const string Type = "aws:iam/rolePolicy:RolePolicy";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 128);
        var failures = new List<CheckFailure>();
        if (inputs.GetString("role") is null && !Props.IsUnknown(inputs, "role")) failures.Add(new CheckFailure("role", "role is required"));
        if (!Props.IsUnknown(inputs, "policy"))
        {
            try { inputs = inputs.Set("policy", PropertyValue.Of(RepositoryPolicyProvider.Normalize(inputs.GetString("policy") ?? throw new System.Text.Json.JsonException("missing")))); }
            catch (System.Text.Json.JsonException e) { failures.Add(new CheckFailure("policy", $"the policy document is required and must be valid JSON: {e.Message}")); }
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["role", "name"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        await PutAsync(request, request.Inputs, cancellationToken).ConfigureAwait(false);
        return new CreateResponse($"{request.Inputs.GetString("role")}:{request.Inputs.GetString("name")}", ProviderResults.Outputs(request.Inputs));
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        await PutAsync(request, request.NewInputs, cancellationToken).ConfigureAwait(false);
        return new UpdateResponse(ProviderResults.Outputs(request.NewInputs));
    }

    private static Task PutAsync(ProviderRequest request, PropertyMap inputs, CancellationToken cancellationToken)
    {
        var iam = AwsConnections.For(request).Iam;
        return AwsCall.RunAsync(() => iam.PutRolePolicyAsync(new PutRolePolicyRequest
        {
            RoleName = inputs.GetString("role")!,
            PolicyName = inputs.GetString("name")!,
            PolicyDocument = inputs.GetString("policy")!,
        }, cancellationToken));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var (role, name) = Split(request.Id);
        GetRolePolicyResult result;
        try { result = await iam.GetRolePolicyAsync(new RolePolicyRequest { RoleName = role, PolicyName = name }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == IamErrorCodes.NoSuchEntity) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        var inputs = (request.Inputs ?? PropertyMap.Empty).Set("role", PropertyValue.Of(role)).Set("name", PropertyValue.Of(name))
            .Set("policy", PropertyValue.Of(RepositoryPolicyProvider.Normalize(result.PolicyDocument ?? "{}")));
        return ProviderResults.Read(request.Id, inputs);
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var (role, name) = Split(request.Id);
        return AwsCall.DeleteAsync(() => iam.DeleteRolePolicyAsync(new RolePolicyRequest { RoleName = role, PolicyName = name }, cancellationToken), IamErrorCodes.NoSuchEntity);
    }

    /// <summary>The inline policy named in the inputs, if its document is the one they ask for.</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetString("role") is not { } role || request.Inputs.GetString("name") is not { } name) return null;
        var id = $"{role}:{name}";
        var found = await ReadAsync(new ReadRequest(request.Urn, request.Type, request.Name, id, request.Inputs, null) { Config = request.Config, Scope = request.Scope }, cancellationToken).ConfigureAwait(false);
        return found?.Inputs?.GetString("policy") == request.Inputs.GetString("policy") ? ProviderResults.Read(id, request.Inputs) : null;
    }

    private static (string Role, string Name) Split(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new ResourceProviderException($"'{id}' is not a role policy id; use <role-name>:<policy-name>");
        return (id[..colon], id[(colon + 1)..]);
    }
}
