using System.Globalization;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Providers;
using IamInstanceProfile = EcrAutomation.Aws.Iam.InstanceProfile;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// <c>aws:iam/instanceProfile:InstanceProfile</c>: auto-named (128 characters max, or <c>namePrefix</c> plus a random
/// suffix); name, namePrefix and path replace; the role and the tags change in place. Create is CreateInstanceProfile then
/// AddRoleToInstanceProfile; delete removes the role first (IAM refuses to delete a profile that holds one). Id = the name.
/// </summary>
internal sealed class InstanceProfileProvider : IResourceProvider
{
    public const string Type = "aws:iam/instanceProfile:InstanceProfile";
    private const int MaxNameLength = 128;

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var failures = new List<CheckFailure>();
        var given = request.NewInputs;
        if (given.GetString("name") is not null && given.GetString("namePrefix") is not null)
            failures.Add(new CheckFailure("namePrefix", "name and namePrefix conflict: give one of them."));
        var inputs = NamePrefix.Apply(request, "name", "namePrefix", MaxNameLength) ?? AutoNaming.Apply(request, "name", MaxNameLength);
        if (inputs.GetString("path") is null && !Props.IsUnknown(inputs, "path")) inputs = inputs.Set("path", PropertyValue.Of("/"));
        if (inputs.GetString("role") is { } role && role.StartsWith("arn:", StringComparison.Ordinal))
            failures.Add(new CheckFailure("role", $"role takes the role's name, not its ARN ('{role}'): pass the Role's name output."));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "namePrefix", "path"], request.IgnoreChanges));

    /// <summary>
    /// Creates the profile, then puts the role in it. If adding the role fails, the profile is recorded without it (a
    /// partial create), so the next update adds the role instead of creating a second profile.
    /// </summary>
    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var profile = await Adoption.CreateOrAdoptAsync(request, $"IAM instance profile {name}", () => iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest
        {
            InstanceProfileName = name,
            Path = inputs.GetString("path"),
            Tags = Tags(Props.StringMap(inputs, "tags")),
        }, cancellationToken), () => FindOursAsync(iam, inputs, cancellationToken)).ConfigureAwait(false);
        if (inputs.GetString("role") is { } role && !profile.Roles.Any(r => r.RoleName == role))
        {
            try
            {
                await iam.AddRoleToInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = role }, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsException e)
            {
                var has = inputs.Remove("role");
                throw new ResourceInitializationException(name, has, Outputs(has, profile),
                    $"created IAM instance profile {name}, but adding role '{role}' to it failed: {e.Message}", e);
            }
            profile = profile with { Roles = [new EcrAutomation.Aws.Iam.Role { RoleName = role }] };
        }
        return new CreateResponse(name, Outputs(inputs, profile));
    }

    /// <summary>The profile named in <paramref name="inputs"/>, if its path and tags are theirs and it holds no role or their role.</summary>
    private static async Task<IamInstanceProfile?> FindOursAsync(IamClient iam, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name || await iam.FindInstanceProfileAsync(name, cancellationToken).ConfigureAwait(false) is not { } profile) return null;
        var ours = (profile.Path ?? "/") == (inputs.GetString("path") ?? "/")
            && SameTags(profile.Tags, Props.StringMap(inputs, "tags"))
            && profile.Roles.All(r => r.RoleName == inputs.GetString("role"));
        return ours ? profile : null;
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Iam, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } profile) return null;
        var inputs = profile.Roles.Count == 0 ? request.Inputs.Remove("role") : request.Inputs;
        return new ReadResponse(profile.InstanceProfileName!, Outputs(inputs, profile), inputs);
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        if (await AwsCall.RunAsync(() => iam.FindInstanceProfileAsync(request.Id, cancellationToken)).ConfigureAwait(false) is not { } profile) return null;
        var old = request.Inputs ?? PropertyMap.Empty;
        var inputs = old.Set("name", Props.Str(profile.InstanceProfileName)).Set("path", Props.Str(profile.Path ?? "/"));
        inputs = profile.Roles.FirstOrDefault()?.RoleName is { } role ? inputs.Set("role", Props.Str(role)) : inputs.Remove("role");
        var tags = (profile.Tags ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (old.ContainsKey("tags") || tags.Count > 0) inputs = inputs.Set("tags", Props.Map(tags));
        return new ReadResponse(profile.InstanceProfileName!, Outputs(inputs, profile), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var name = request.Id;
        var (oldRole, newRole) = (request.OldInputs.GetString("role"), request.NewInputs.GetString("role"));
        if (oldRole != newRole)
        {
            if (oldRole is not null)
                await AwsCall.DeleteAsync(() => iam.RemoveRoleFromInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = oldRole }, cancellationToken),
                    IamErrorCodes.NoSuchEntity).ConfigureAwait(false);
            if (newRole is not null)
                await AwsCall.RunAsync(() => iam.AddRoleToInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = newRole }, cancellationToken)).ConfigureAwait(false);
        }
        var (oldTags, newTags) = (Props.StringMap(request.OldInputs, "tags"), Props.StringMap(request.NewInputs, "tags"));
        if (oldTags.Keys.Except(newTags.Keys).ToList() is { Count: > 0 } removed)
            await AwsCall.RunAsync(() => iam.UntagInstanceProfileAsync(new UntagInstanceProfileRequest { InstanceProfileName = name, TagKeys = removed }, cancellationToken)).ConfigureAwait(false);
        if (newTags.Where(t => !oldTags.TryGetValue(t.Key, out var v) || v != t.Value).ToDictionary() is { Count: > 0 } changed)
            await AwsCall.RunAsync(() => iam.TagInstanceProfileAsync(new TagInstanceProfileRequest { InstanceProfileName = name, Tags = Tags(changed)! }, cancellationToken)).ConfigureAwait(false);
        var profile = await AwsCall.RunAsync(() => iam.GetInstanceProfileAsync(name, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(request.NewInputs, profile));
    }

    /// <summary>Removes whatever role the profile holds (the program's or one added outside it), then deletes the profile.</summary>
    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var iam = AwsConnections.For(request).Iam;
        var name = request.Id;
        if (await AwsCall.RunAsync(() => iam.FindInstanceProfileAsync(name, cancellationToken)).ConfigureAwait(false) is not { } profile) return;
        foreach (var role in profile.Roles.Select(r => r.RoleName).OfType<string>())
            await AwsCall.DeleteAsync(() => iam.RemoveRoleFromInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = role }, cancellationToken),
                IamErrorCodes.NoSuchEntity).ConfigureAwait(false);
        await AwsCall.DeleteAsync(() => iam.DeleteInstanceProfileAsync(name, cancellationToken), IamErrorCodes.NoSuchEntity).ConfigureAwait(false);
    }

    private static List<IamTag>? Tags(IReadOnlyDictionary<string, string> tags) =>
        tags.Count > 0 ? [.. tags.Select(t => new IamTag { Key = t.Key, Value = t.Value })] : null;

    private static bool SameTags(IReadOnlyList<IamTag>? actual, IReadOnlyDictionary<string, string> wanted) =>
        (actual ?? []).Count == wanted.Count && (actual ?? []).All(t => wanted.TryGetValue(t.Key, out var v) && v == t.Value);

    private static PropertyMap Outputs(PropertyMap inputs, IamInstanceProfile profile) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(profile.Arn)),
        ("uniqueId", Props.Str(profile.InstanceProfileId)),
        ("createDate", Props.Str(profile.CreateDate?.ToString("O", CultureInfo.InvariantCulture))),
        ("path", Props.Str(profile.Path ?? inputs.GetString("path") ?? "/")),
        ("role", Props.Str(inputs.GetString("role"))),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
}
