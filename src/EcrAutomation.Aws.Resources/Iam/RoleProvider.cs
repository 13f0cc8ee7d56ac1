using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Providers;
using IamRole = EcrAutomation.Aws.Iam.Role;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// <c>aws:iam/role:Role</c>: auto-named (64 characters max); the trust policy updates in place; name, path, description
/// and maxSessionDuration replace. Delete refuses while policies are attached unless <c>forceDetachPolicies</c> is true.
/// </summary>
internal sealed class RoleProvider : IResourceProvider
{
    public const string Type = "aws:iam/role:Role";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 64);
        var failures = new List<CheckFailure>();
        if (!Props.IsUnknown(inputs, "assumeRolePolicy"))
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
            MaxSessionDuration = Props.Int(inputs, "maxSessionDuration"),
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

    private static PropertyMap Outputs(PropertyMap inputs, IamRole role) => ProviderResults.Outputs(inputs,
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
