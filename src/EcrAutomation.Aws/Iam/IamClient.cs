using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Iam;

/// <summary>AWS IAM client (query protocol, version 2010-05-08, global endpoint signed for us-east-1).</summary>
public sealed class IamClient
{
    /// <summary>API version.</summary>
    public const string ApiVersion = "2010-05-08";

    private readonly AwsQueryProtocol _protocol;

    internal IamClient(AwsRequestExecutor executor) => _protocol = new AwsQueryProtocol(executor, AwsServiceInfo.Iam, ApiVersion);

    /// <summary>CreateRole.</summary>
    public async Task<Role> CreateRoleAsync(CreateRoleRequest request, CancellationToken cancellationToken = default) =>
        Decode((await _protocol.InvokeAsync<RoleResult>("CreateRole", request, cancellationToken).ConfigureAwait(false)).Role);

    /// <summary>GetRole.</summary>
    public async Task<Role> GetRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
        Decode((await _protocol.InvokeAsync<RoleResult>("GetRole", new { RoleName = roleName }, cancellationToken).ConfigureAwait(false)).Role);

    /// <summary>GetRole, or null on NoSuchEntity.</summary>
    public async Task<Role?> FindRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>UpdateAssumeRolePolicy.</summary>
    public Task UpdateAssumeRolePolicyAsync(UpdateAssumeRolePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("UpdateAssumeRolePolicy", request, cancellationToken);

    /// <summary>DeleteRole (DeleteConflict while policies are attached or inline).</summary>
    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteRole", new { RoleName = roleName }, cancellationToken);

    /// <summary>AttachRolePolicy.</summary>
    public Task AttachRolePolicyAsync(RolePolicyAttachmentRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("AttachRolePolicy", request, cancellationToken);

    /// <summary>DetachRolePolicy.</summary>
    public Task DetachRolePolicyAsync(RolePolicyAttachmentRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DetachRolePolicy", request, cancellationToken);

    /// <summary>ListAttachedRolePolicies (one page).</summary>
    public Task<ListAttachedRolePoliciesResult> ListAttachedRolePoliciesAsync(ListAttachedRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListAttachedRolePoliciesResult>("ListAttachedRolePolicies", request, cancellationToken);

    /// <summary>ListAttachedRolePolicies, every page (follows Marker while IsTruncated).</summary>
    public IAsyncEnumerable<AttachedPolicy> ListAllAttachedRolePoliciesAsync(string roleName, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (marker, ct) => ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest { RoleName = roleName, Marker = marker }, ct),
            page => page.AttachedPolicies, page => page.IsTruncated ? page.Marker : null, cancellationToken);

    /// <summary>PutRolePolicy (inline policy).</summary>
    public Task PutRolePolicyAsync(PutRolePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("PutRolePolicy", request, cancellationToken);

    /// <summary>GetRolePolicy; the document is URL-decoded.</summary>
    public async Task<GetRolePolicyResult> GetRolePolicyAsync(RolePolicyRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync<GetRolePolicyResult>("GetRolePolicy", request, cancellationToken).ConfigureAwait(false);
        return result with { PolicyDocument = UrlDecode(result.PolicyDocument) };
    }

    /// <summary>DeleteRolePolicy.</summary>
    public Task DeleteRolePolicyAsync(RolePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteRolePolicy", request, cancellationToken);

    /// <summary>ListRolePolicies (one page).</summary>
    public Task<ListRolePoliciesResult> ListRolePoliciesAsync(ListRolePoliciesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListRolePoliciesResult>("ListRolePolicies", request, cancellationToken);

    /// <summary>ListRolePolicies, every page.</summary>
    public IAsyncEnumerable<string> ListAllRolePoliciesAsync(string roleName, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (marker, ct) => ListRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = roleName, Marker = marker }, ct),
            page => page.PolicyNames, page => page.IsTruncated ? page.Marker : null, cancellationToken);

    /// <summary>ListRoles, every page (trust policies URL-decoded).</summary>
    public IAsyncEnumerable<Role> ListAllRolesAsync(CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            async (marker, ct) => await _protocol.InvokeAsync<ListRolesResult>("ListRoles", new ListRolesRequest { Marker = marker }, ct).ConfigureAwait(false),
            page => page.Roles.Select(Decode), page => page.IsTruncated ? page.Marker : null, cancellationToken);

    /// <summary>TagRole.</summary>
    public Task TagRoleAsync(TagRoleRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("TagRole", request, cancellationToken);

    /// <summary>CreateInstanceProfile (without a role: add it with <see cref="AddRoleToInstanceProfileAsync"/>).</summary>
    /// <exception cref="AwsResourceAlreadyExistsException">An instance profile of that name exists.</exception>
    public async Task<InstanceProfile> CreateInstanceProfileAsync(CreateInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
        (await _protocol.InvokeAsync<InstanceProfileResult>("CreateInstanceProfile", request, cancellationToken).ConfigureAwait(false)).InstanceProfile
            ?? throw new AwsException("IAM returned no InstanceProfile element.");

    /// <summary>GetInstanceProfile, with its role (trust policy URL-decoded) and tags.</summary>
    public async Task<InstanceProfile> GetInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken = default)
    {
        var profile = (await _protocol.InvokeAsync<InstanceProfileResult>("GetInstanceProfile", new { InstanceProfileName = instanceProfileName }, cancellationToken).ConfigureAwait(false)).InstanceProfile
            ?? throw new AwsException("IAM returned no InstanceProfile element.");
        return profile with { Roles = [.. profile.Roles.Select(Decode)] };
    }

    /// <summary>GetInstanceProfile, or null on NoSuchEntity.</summary>
    public async Task<InstanceProfile?> FindInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetInstanceProfileAsync(instanceProfileName, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == IamErrorCodes.NoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>AddRoleToInstanceProfile (LimitExceeded when the profile has a role already: a profile holds one).</summary>
    public Task AddRoleToInstanceProfileAsync(InstanceProfileRoleRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("AddRoleToInstanceProfile", request, cancellationToken);

    /// <summary>RemoveRoleFromInstanceProfile.</summary>
    public Task RemoveRoleFromInstanceProfileAsync(InstanceProfileRoleRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("RemoveRoleFromInstanceProfile", request, cancellationToken);

    /// <summary>TagInstanceProfile (adds or overwrites the given tags).</summary>
    public Task TagInstanceProfileAsync(TagInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("TagInstanceProfile", request, cancellationToken);

    /// <summary>UntagInstanceProfile.</summary>
    public Task UntagInstanceProfileAsync(UntagInstanceProfileRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("UntagInstanceProfile", request, cancellationToken);

    /// <summary>DeleteInstanceProfile (DeleteConflict while it still has a role).</summary>
    public Task DeleteInstanceProfileAsync(string instanceProfileName, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteInstanceProfile", new { InstanceProfileName = instanceProfileName }, cancellationToken);

    // IAM returns policy documents URL-encoded inside the XML.
    internal static string? UrlDecode(string? document) =>
        document is not null && document.Contains('%') ? Uri.UnescapeDataString(document) : document;

    private static Role Decode(Role? role) =>
        role is null ? throw new AwsException("IAM returned no Role element.") : role with { AssumeRolePolicyDocument = UrlDecode(role.AssumeRolePolicyDocument) };

    private sealed record EmptyResult;
}
