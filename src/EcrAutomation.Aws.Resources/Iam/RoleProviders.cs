using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Providers;
using IamRole = EcrAutomation.Aws.Iam.Role;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// <c>aws:iam/role:Role</c>: auto-named (64 characters max); the trust policy updates in place; name, path, description
/// and maxSessionDuration replace. Delete refuses while policies are attached unless <c>forceDetachPolicies</c> is true.
/// </summary>
public sealed class RoleProvider : IResourceProvider
{
    public const string Type = "aws:iam/role:Role";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 64);
        var failures = new List<CheckFailure>();
        if (!Support.IsUnknown(inputs, "assumeRolePolicy"))
        {
            var text = inputs.GetString("assumeRolePolicy");
            if (text is null) failures.Add(new CheckFailure("assumeRolePolicy", "the trust policy (assumeRolePolicy) is required"));
            else
            {
                try { inputs = inputs.Set("assumeRolePolicy", PropertyValue.Of(RepositoryPolicyProvider.Normalize(text))); }
                catch (System.Text.Json.JsonException e) { failures.Add(new CheckFailure("assumeRolePolicy", $"the trust policy is not valid JSON: {e.Message}")); }
            }
        }
        if (inputs.GetString("path") is null) inputs = inputs.Set("path", PropertyValue.Of("/"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "path", "description", "maxSessionDuration"],
            [.. request.IgnoreChanges, "forceDetachPolicies"]));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var role = await Adoption.CreateOrAdoptAsync(request, $"IAM role {name}", () => iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = name,
            AssumeRolePolicyDocument = inputs.GetString("assumeRolePolicy")!,
            Path = inputs.GetString("path"),
            Description = inputs.GetString("description"),
            MaxSessionDuration = Support.Int(inputs, "maxSessionDuration"),
            Tags = Props.StringMap(inputs, "tags") is { Count: > 0 } tags ? [.. tags.Select(t => new IamTag { Key = t.Key, Value = t.Value })] : null,
        }, cancellationToken), () => FindOursAsync(iam, inputs, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(role.RoleName!, Outputs(inputs, role));
    }

    /// <summary>The role named in <paramref name="inputs"/>, if it has exactly the trust policy, path, description and tags they ask for.</summary>
    private static async Task<IamRole?> FindOursAsync(IamClient iam, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name || await iam.FindRoleAsync(name, cancellationToken).ConfigureAwait(false) is not { } role) return null;
        var tags = (role.Tags ?? []).ToDictionary(t => t.Key!, t => t.Value ?? "", StringComparer.Ordinal);
        var ours = role.AssumeRolePolicyDocument is { } policy && RepositoryPolicyProvider.Normalize(policy) == inputs.GetString("assumeRolePolicy")
            && (role.Path ?? "/") == (inputs.GetString("path") ?? "/")
            && (role.Description ?? "") == (inputs.GetString("description") ?? "")
            && Props.StringMap(inputs, "tags").OrderBy(t => t.Key).SequenceEqual(tags.OrderBy(t => t.Key));
        return ours ? role : null;
    }

    private static PropertyMap Outputs(PropertyMap inputs, IamRole role) => Support.Merge(inputs,
        ("arn", Props.Str(role.Arn)), ("uniqueId", Props.Str(role.RoleId)),
        ("createDate", Props.Str(role.CreateDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture))),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var role = await AwsCall.RunAsync(() => iam.FindRoleAsync(request.Id, cancellationToken)).ConfigureAwait(false);
        if (role is null) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", Props.Str(role.RoleName))
            .Set("path", Props.Str(role.Path ?? "/"))
            .Set("assumeRolePolicy", Props.Str(role.AssumeRolePolicyDocument is { } d ? RepositoryPolicyProvider.Normalize(d) : null));
        if (role.Description is { Length: > 0 } description) inputs = inputs.Set("description", Props.Str(description));
        return new ReadResponse(role.RoleName!, Outputs(inputs, role), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var news = request.NewInputs;
        if (request.OldInputs.GetString("assumeRolePolicy") != news.GetString("assumeRolePolicy"))
            await AwsCall.RunAsync(() => iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest
            {
                RoleName = request.Id,
                PolicyDocument = news.GetString("assumeRolePolicy")!,
            }, cancellationToken)).ConfigureAwait(false);
        var tags = Props.StringMap(news, "tags");
        if (tags.Count > 0 && !tags.OrderBy(t => t.Key).SequenceEqual(Props.StringMap(request.OldInputs, "tags").OrderBy(t => t.Key)))
            await AwsCall.RunAsync(() => iam.TagRoleAsync(new TagRoleRequest { RoleName = request.Id, Tags = [.. tags.Select(t => new IamTag { Key = t.Key, Value = t.Value })] }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in news) if (k != AutoNaming.DefaultsKey) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var name = request.Id;
        try
        {
            if (request.Inputs.GetBool("forceDetachPolicies") == true)
            {
                await foreach (var policy in iam.ListAllAttachedRolePoliciesAsync(name, cancellationToken).ConfigureAwait(false))
                    await iam.DetachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = name, PolicyArn = policy.PolicyArn! }, cancellationToken).ConfigureAwait(false);
                await foreach (var policy in iam.ListAllRolePoliciesAsync(name, cancellationToken).ConfigureAwait(false))
                    await iam.DeleteRolePolicyAsync(new RolePolicyRequest { RoleName = name, PolicyName = policy }, cancellationToken).ConfigureAwait(false);
            }
            await iam.DeleteRoleAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == IamErrorCodes.NoSuchEntity) { }
        catch (AwsServiceException e) when (e.ErrorCode == IamErrorCodes.DeleteConflict)
        {
            throw new ResourceProviderException(
                $"cannot delete IAM role '{name}': {e.ErrorMessage} ({e.ErrorCode}). Policies attached outside this stack are still on the role; " +
                "detach them, or set forceDetachPolicies: true on the role and run up before destroying.", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Iam, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } role
            ? new ReadResponse(role.RoleName!, Outputs(request.Inputs, role), request.Inputs)
            : null;
}

/// <summary>
/// <c>aws:iam/rolePolicyAttachment:RolePolicyAttachment</c>: a managed policy attached to a role. Id <c>&lt;role&gt;/&lt;policyArn&gt;</c>
/// (also the import id); any change replaces.
/// </summary>
public sealed class RolePolicyAttachmentProvider : IResourceProvider
{
    public const string Type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var failures = new List<CheckFailure>();
        foreach (var key in new[] { "role", "policyArn" })
            if (request.NewInputs.GetString(key) is null && !Support.IsUnknown(request.NewInputs, key))
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
        return Support.DeleteAsync(() => iam.DetachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = role, PolicyArn = policyArn }, cancellationToken), IamErrorCodes.NoSuchEntity);
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

/// <summary>
/// <c>aws:iam/rolePolicy:RolePolicy</c>: an inline policy on a role, id <c>&lt;role&gt;:&lt;name&gt;</c>; the document updates in place.
/// </summary>
public sealed class RolePolicyProvider : IResourceProvider
{
    public const string Type = "aws:iam/rolePolicy:RolePolicy";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 128);
        var failures = new List<CheckFailure>();
        if (inputs.GetString("role") is null && !Support.IsUnknown(inputs, "role")) failures.Add(new CheckFailure("role", "role is required"));
        if (!Support.IsUnknown(inputs, "policy"))
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
        return new CreateResponse($"{request.Inputs.GetString("role")}:{request.Inputs.GetString("name")}", Support.Merge(request.Inputs));
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        await PutAsync(request, request.NewInputs, cancellationToken).ConfigureAwait(false);
        return new UpdateResponse(Support.Merge(request.NewInputs));
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
        return Support.Read(request.Id, inputs);
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var (role, name) = Split(request.Id);
        return Support.DeleteAsync(() => iam.DeleteRolePolicyAsync(new RolePolicyRequest { RoleName = role, PolicyName = name }, cancellationToken), IamErrorCodes.NoSuchEntity);
    }

    /// <summary>The inline policy named in the inputs, if its document is the one they ask for.</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetString("role") is not { } role || request.Inputs.GetString("name") is not { } name) return null;
        var id = $"{role}:{name}";
        var found = await ReadAsync(new ReadRequest(request.Urn, request.Type, request.Name, id, request.Inputs, null) { Config = request.Config, Scope = request.Scope }, cancellationToken).ConfigureAwait(false);
        return found?.Inputs?.GetString("policy") == request.Inputs.GetString("policy") ? Support.Read(id, request.Inputs) : null;
    }

    private static (string Role, string Name) Split(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new ResourceProviderException($"'{id}' is not a role policy id; use <role-name>:<policy-name>");
        return (id[..colon], id[(colon + 1)..]);
    }
}
