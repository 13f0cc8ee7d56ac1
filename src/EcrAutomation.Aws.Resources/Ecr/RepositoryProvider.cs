using System.Text.RegularExpressions;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Providers;
using EcrRepository = EcrAutomation.Aws.Ecr.Repository;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>
/// <c>aws:ecr/repository:Repository</c>, with pulumi-aws property names. Auto-named <c>&lt;logical&gt;-&lt;7hex&gt;</c> in lower case;
/// name and encryptionConfigurations replace; mutability, scanning and tags update in place; forceDelete only affects delete.
/// </summary>
internal sealed partial class RepositoryProvider : IResourceProvider
{
    public const string Type = "aws:ecr/repository:Repository";

    [GeneratedRegex("^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex NamePattern();

    /// <summary>What ECR gives a repository created without these properties.</summary>
    private static readonly CloudDefaults Defaults = new(
        ("imageTagMutability", PropertyValue.Of("MUTABLE")),
        ("imageScanningConfiguration", PropertyValue.Of(PropertyMap.Empty.Set("scanOnPush", PropertyValue.False))));

    private static readonly string[] Mutabilities = ["MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION"];

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 256, n => n.ToLowerInvariant());
        var failures = new List<CheckFailure>();
        var name = inputs.GetString("name");
        if (name is not null && (name.Length is < 2 or > 256 || !NamePattern().IsMatch(name)))
            failures.Add(new CheckFailure("name", $"'{name}' is not a valid ECR repository name: use 2-256 lower-case letters, digits and . _ - separators, with / between namespaces (for example 'team/app')"));
        if (inputs.GetString("imageTagMutability") is { } m && !Mutabilities.Contains(m))
            failures.Add(new CheckFailure("imageTagMutability", $"'{m}' is not one of {string.Join(", ", Mutabilities)}"));
        var filters = Props.Maps(inputs, "imageTagMutabilityExclusionFilters");
        var withExclusion = inputs.GetString("imageTagMutability")?.EndsWith("_WITH_EXCLUSION", StringComparison.Ordinal) == true;
        if (withExclusion != filters.Count > 0)
            failures.Add(new CheckFailure("imageTagMutabilityExclusionFilters", "exclusion filters are required with the *_WITH_EXCLUSION mutability modes and not allowed otherwise"));
        var tags = Props.StringMap(inputs, "tags");
        if (tags.Count > 50) failures.Add(new CheckFailure("tags", "at most 50 tags are allowed"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Defaults.Compare(request.OldInputs, request.NewInputs, ["name", "encryptionConfigurations"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var repository = await Adoption.CreateOrAdoptAsync(request, $"repository {name}", async () => (await ecr.CreateRepositoryAsync(new CreateRepositoryRequest
        {
            RepositoryName = name,
            ImageTagMutability = inputs.GetString("imageTagMutability"),
            ImageTagMutabilityExclusionFilters = Filters(inputs),
            ImageScanningConfiguration = Props.Object(inputs, "imageScanningConfiguration") is { } scan ? new ImageScanningConfiguration { ScanOnPush = scan.GetBool("scanOnPush") ?? false } : null,
            EncryptionConfiguration = Props.Maps(inputs, "encryptionConfigurations").FirstOrDefault() is { } enc
                ? new EncryptionConfiguration { EncryptionType = enc.GetString("encryptionType") ?? "AES256", KmsKey = enc.GetString("kmsKey") }
                : null,
            Tags = Tags(inputs),
        }, cancellationToken).ConfigureAwait(false)).Repository!, () => FindOursAsync(ecr, inputs, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(name, Outputs(inputs, repository));
    }

    /// <summary>The repository named in <paramref name="inputs"/>, if its tag mutability, scanning and encryption are the ones they ask for.</summary>
    private static async Task<EcrRepository?> FindOursAsync(EcrClient ecr, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name || await ecr.FindRepositoryAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false) is not { } repository) return null;
        var encryption = Props.Maps(inputs, "encryptionConfigurations").FirstOrDefault()?.GetString("encryptionType") ?? "AES256";
        var ours = (repository.ImageTagMutability ?? "MUTABLE") == (inputs.GetString("imageTagMutability") ?? "MUTABLE")
            && (repository.ImageScanningConfiguration?.ScanOnPush ?? false) == (Props.Object(inputs, "imageScanningConfiguration")?.GetBool("scanOnPush") ?? false)
            && (repository.EncryptionConfiguration?.EncryptionType ?? "AES256") == encryption;
        return ours ? repository : null;
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        var repository = await AwsCall.RunAsync(() => ecr.FindRepositoryAsync(request.Id, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (repository is null) return null;
        var tags = await AwsCall.RunAsync(() => ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = repository.RepositoryArn! }, cancellationToken)).ConfigureAwait(false);
        var live = PropertyMap.Empty
            .Set("name", Props.Str(repository.RepositoryName))
            .Set("imageTagMutability", Props.Str(repository.ImageTagMutability))
            .Set("imageScanningConfiguration", PropertyValue.Of(PropertyMap.Empty.Set("scanOnPush", PropertyValue.Of(repository.ImageScanningConfiguration?.ScanOnPush ?? false))))
            .Set("tags", tags.Tags is { Count: > 0 } t ? Props.Map(t.Select(x => KeyValuePair.Create(x.Key, x.Value))) : PropertyValue.Null);
        var inputs = Defaults.Refreshed(request.Inputs, live);
        return new ReadResponse(repository.RepositoryName!, Outputs(inputs, repository), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        var (olds, news) = (request.OldInputs, request.NewInputs);
        var name = request.Id;
        if (olds.GetString("imageTagMutability") != news.GetString("imageTagMutability") || !Equals(olds.TryGetValue("imageTagMutabilityExclusionFilters", out var of) ? of : null, news.TryGetValue("imageTagMutabilityExclusionFilters", out var nf) ? nf : null))
            await AwsCall.RunAsync(() => ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest
            {
                RepositoryName = name,
                ImageTagMutability = news.GetString("imageTagMutability") ?? "MUTABLE",
                ImageTagMutabilityExclusionFilters = Filters(news),
            }, cancellationToken)).ConfigureAwait(false);
        var oldScan = Props.Object(olds, "imageScanningConfiguration")?.GetBool("scanOnPush") ?? false;
        var newScan = Props.Object(news, "imageScanningConfiguration")?.GetBool("scanOnPush") ?? false;
        if (oldScan != newScan)
            await AwsCall.RunAsync(() => ecr.PutImageScanningConfigurationAsync(new PutImageScanningConfigurationRequest
            {
                RepositoryName = name,
                ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = newScan },
            }, cancellationToken)).ConfigureAwait(false);
        var arn = request.OldOutputs.GetString("arn")!;
        var oldTags = Props.StringMap(olds, "tags");
        var newTags = Props.StringMap(news, "tags");
        var removed = oldTags.Keys.Except(newTags.Keys).ToList();
        if (removed.Count > 0)
            await AwsCall.RunAsync(() => ecr.UntagResourceAsync(new EcrUntagResourceRequest { ResourceArn = arn, TagKeys = removed }, cancellationToken)).ConfigureAwait(false);
        var changed = newTags.Where(kv => !oldTags.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => new EcrTag(kv.Key, kv.Value)).ToList();
        if (changed.Count > 0)
            await AwsCall.RunAsync(() => ecr.TagResourceAsync(new EcrTagResourceRequest { ResourceArn = arn, Tags = changed }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in news) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs.Set("tagsAll", news.TryGetValue("tags", out var tagsValue) ? tagsValue : PropertyValue.Of(PropertyMap.Empty)));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ecr = AwsConnections.For(request).Ecr;
        try
        {
            await ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = request.Id, Force = request.Inputs.GetBool("forceDelete") ?? false }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == EcrErrorCodes.RepositoryNotFound) { }
        catch (AwsServiceException e) when (e.ErrorCode == EcrErrorCodes.RepositoryNotEmpty)
        {
            throw new ResourceProviderException($"{e.ErrorMessage} ({e.ErrorCode}). Delete its images first, or set forceDelete: true on the repository and run up before destroying.", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Ecr, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } repository
            ? new ReadResponse(repository.RepositoryName!, Outputs(request.Inputs, repository), request.Inputs)
            : null;

    private static IReadOnlyList<ImageTagMutabilityExclusionFilter>? Filters(PropertyMap inputs)
    {
        var filters = Props.Maps(inputs, "imageTagMutabilityExclusionFilters");
        return filters.Count == 0 ? null : [.. filters.Select(f => new ImageTagMutabilityExclusionFilter { Filter = f.GetString("filter") ?? "", FilterType = f.GetString("filterType") ?? "WILDCARD" })];
    }

    private static IReadOnlyList<EcrTag>? Tags(PropertyMap inputs)
    {
        var tags = Props.StringMap(inputs, "tags");
        return tags.Count == 0 ? null : [.. tags.Select(kv => new EcrTag(kv.Key, kv.Value))];
    }

    private static PropertyMap Outputs(PropertyMap inputs, EcrRepository repository)
    {
        var outputs = inputs
            .Set("arn", Props.Str(repository.RepositoryArn))
            .Set("registryId", Props.Str(repository.RegistryId))
            .Set("repositoryUrl", Props.Str(repository.RepositoryUri))
            .Set("imageTagMutability", Props.Str(repository.ImageTagMutability ?? "MUTABLE"))
            .Set("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty));
        if (repository.EncryptionConfiguration is { } enc)
            outputs = outputs.Set("encryptionConfigurations", PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty
                .Set("encryptionType", Props.Str(enc.EncryptionType)).Set("kmsKey", Props.Str(enc.KmsKey ?? "")))]));
        return outputs;
    }
}
