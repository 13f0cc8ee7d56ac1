using EcrAutomation.Aws.Iam;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// <c>aws:iam/rolePolicyAttachment:RolePolicyAttachment</c>: a managed policy attached to a role. Id <c>&lt;role&gt;/&lt;policyArn&gt;</c>
/// (also the import id); any change replaces.
/// </summary>
internal sealed class RolePolicyAttachmentProvider : IResourceProvider
{
    public const string Type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var failures = new List<CheckFailure>();
        foreach (var key in new[] { "role", "policyArn" })
            if (request.NewInputs.GetString(key) is null && !Props.IsUnknown(request.NewInputs, key))
                failures.Add(new CheckFailure(key, $"{key} is required"));
        return Task.FromResult(new CheckResponse(request.NewInputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["role", "policyArn"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var role = request.Inputs.GetString("role")!;
        var policyArn = request.Inputs.GetString("policyArn")!;
        try { await iam.AttachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = role, PolicyArn = policyArn }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            throw new ResourceProviderException($"cannot attach '{policyArn}' to role '{role}': {e.ErrorMessage} ({e.ErrorCode})", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        return new CreateResponse($"{role}/{policyArn}", request.Inputs);
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var (role, policyArn) = Split(request.Id);
        try
        {
            await foreach (var p in iam.ListAllAttachedRolePoliciesAsync(role, cancellationToken).ConfigureAwait(false))
            {
                if (p.PolicyArn != policyArn) continue;
                var inputs = (request.Inputs ?? PropertyMap.Empty).Set("role", PropertyValue.Of(role)).Set("policyArn", PropertyValue.Of(policyArn));
                return new ReadResponse(request.Id, inputs, inputs);
            }
        }
        catch (AwsServiceException e) when (e.ErrorCode == IamErrorCodes.NoSuchEntity) { }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        return null;
    }

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new UpdateResponse(request.NewInputs));

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var (role, policyArn) = Split(request.Id);
        return AwsCall.DeleteAsync(() => iam.DetachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = role, PolicyArn = policyArn }, cancellationToken), IamErrorCodes.NoSuchEntity);
    }

    /// <summary>The attachment is the role and policy pair itself: if the policy is attached, the create took effect.</summary>
    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        request.Inputs.GetString("role") is { } role && request.Inputs.GetString("policyArn") is { } policyArn
            ? ReadAsync(new ReadRequest(request.Urn, request.Type, request.Name, $"{role}/{policyArn}", request.Inputs, null) { Config = request.Config, Scope = request.Scope }, cancellationToken)
            : Task.FromResult<ReadResponse?>(null);

    private static (string Role, string PolicyArn) Split(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw new ResourceProviderException($"'{id}' is not a role policy attachment id; use <role-name>/<policy-arn>");
        return (id[..slash], id[(slash + 1)..]);
    }
}
