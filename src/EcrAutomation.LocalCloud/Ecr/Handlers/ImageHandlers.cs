using System.Text;
using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>Images of a repository: DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, PutImage.</summary>
internal sealed class ImageHandlers(EcrContext ecr)
{
    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<ImageListRequest, DescribeImagesResponse>("DescribeImages", DescribeAsync),
        EcrOperation.Create<ImageListRequest, ListImagesResponse>("ListImages", ListAsync),
        EcrOperation.Create<BatchImageRequest, BatchGetImageResponse>("BatchGetImage", BatchGetAsync),
        EcrOperation.Create<BatchImageRequest, BatchDeleteImageResponse>("BatchDeleteImage", BatchDeleteAsync),
        EcrOperation.Create<PutImageRequest, PutImageResponse>("PutImage", PutAsync),
    ];

    public static ImageIdentifier Identifier(string? digest, string? tag) => new() { ImageDigest = digest, ImageTag = tag };

    private async Task<DescribeImagesResponse> DescribeAsync(ImageListRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var ids = EcrRequestParsing.ImageIds(request.ImageIds, required: false);
        if (ids is not null && (request.MaxResults is not null || request.NextToken is not null))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults and nextToken cannot be specified together with imageIds'");
        }

        var tagStatus = EcrRequestParsing.TagStatus(request.Filter);
        var state = ecr.State;
        var details = await state.LockedAsync(() =>
        {
            var repository = state.GetLocked(name);
            IEnumerable<ImageRecord> images;
            if (ids is not null)
            {
                images = ids.Select(id =>
                {
                    var image = id.ImageDigest is not null ? repository.Images.GetValueOrDefault(id.ImageDigest) : repository.FindByTag(id.ImageTag!);
                    if (image is null || (id.ImageTag is not null && !image.Tags.Contains(id.ImageTag)))
                    {
                        throw EcrException.ImageNotFound(id.ImageDigest, id.ImageTag, name, ecr.AccountId);
                    }

                    return image;
                }).DistinctBy(i => i.Digest);
            }
            else
            {
                images = Ordered(repository).Where(i => EcrRequestParsing.MatchesTagStatus(i.Tags.Count, tagStatus));
            }

            return images.Select(i => Detail(name, i)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = EcrPagination.Paginate(details, request, 100, 1000);
        return new DescribeImagesResponse(page, next);
    }

    private async Task<ListImagesResponse> ListAsync(ImageListRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var tagStatus = EcrRequestParsing.TagStatus(request.Filter);
        var state = ecr.State;
        var ids = await state.LockedAsync(() =>
        {
            var list = new List<ImageIdentifier>();
            foreach (var image in Ordered(state.GetLocked(name)).Where(i => EcrRequestParsing.MatchesTagStatus(i.Tags.Count, tagStatus)))
            {
                if (image.Tags.Count == 0)
                {
                    list.Add(Identifier(image.Digest, null));
                }

                list.AddRange(image.Tags.Select(tag => Identifier(image.Digest, tag)));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = EcrPagination.Paginate(ids, request, 100, 1000);
        return new ListImagesResponse(page, next);
    }

    private async Task<BatchGetImageResponse> BatchGetAsync(BatchImageRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var ids = EcrRequestParsing.ImageIds(request.ImageIds, required: true)!;
        var accepted = EcrRequestParsing.Strings(request.AcceptedMediaTypes);
        var state = ecr.State;
        var (hits, failures) = await state.LockedAsync(async () =>
        {
            var repository = state.GetLocked(name);
            var hits = new List<(ImageIdentifier Id, ImageRecord Image)>();
            var failures = new List<ImageFailure>();
            foreach (var id in ids)
            {
                if (id.ImageDigest is not null && !Digests.IsValid(id.ImageDigest))
                {
                    failures.Add(new ImageFailure(id, "InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
                    continue;
                }

                var image = id.ImageDigest is not null ? repository.Images.GetValueOrDefault(id.ImageDigest) : repository.FindByTag(id.ImageTag!);
                if (image is null)
                {
                    failures.Add(new ImageFailure(id, "ImageNotFound", "Requested image not found"));
                }
                else if (id.ImageTag is not null && !image.Tags.Contains(id.ImageTag))
                {
                    failures.Add(new ImageFailure(id, "ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to the given digest"));
                }
                else if (accepted is not null && !accepted.Contains(image.MediaType))
                {
                    // No format conversion here; ImageFailureCode has no dedicated value, so this reads as not found.
                    failures.Add(new ImageFailure(id, "ImageNotFound", $"Requested image not found in an accepted media type (stored as '{image.MediaType}')"));
                }
                else
                {
                    image.LastPulledAt = ecr.Now;
                    hits.Add((id, image.Clone()));
                }
            }

            if (hits.Count > 0)
            {
                await state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
            }

            return (hits, failures);
        }, cancellationToken).ConfigureAwait(false);

        var images = new List<ImageMessage>();
        foreach (var (id, image) in hits)
        {
            var bytes = await state.Blobs.ReadAllBytesAsync(image.Digest, cancellationToken).ConfigureAwait(false) ?? [];
            images.Add(new ImageMessage(ecr.AccountId, name, Identifier(image.Digest, id.ImageTag), Encoding.UTF8.GetString(bytes), image.MediaType));
        }

        return new BatchGetImageResponse(images, failures);
    }

    private async Task<BatchDeleteImageResponse> BatchDeleteAsync(BatchImageRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var ids = EcrRequestParsing.ImageIds(request.ImageIds, required: true)!;
        var outcome = await ecr.State.DeleteImagesAsync(name, [.. ids.Select(i => (i.ImageDigest, i.ImageTag))], cancellationToken).ConfigureAwait(false);
        return new BatchDeleteImageResponse(
            [.. outcome.Deleted.Select(d => Identifier(d.Digest, d.Tag))],
            [.. outcome.Failures.Select(f => new ImageFailure(Identifier(f.Digest, f.Tag), f.Code, f.Reason))]);
    }

    private async Task<PutImageResponse> PutAsync(PutImageRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var manifest = EcrContext.Required(request.ImageManifest, "imageManifest");
        var tag = request.ImageTag;
        if (tag is not null)
        {
            EcrValidation.ImageTag(tag);
        }

        var state = ecr.State;
        await state.LockedAsync(() => state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(manifest);
        var result = await state.PutManifestAsync(name, bytes, request.ImageManifestMediaType, tag, request.ImageDigest, apiSemantics: true, cancellationToken).ConfigureAwait(false);
        return new PutImageResponse(new ImageMessage(ecr.AccountId, name, Identifier(result.Digest, tag), manifest, result.Image.MediaType));
    }

    private static IEnumerable<ImageRecord> Ordered(RepositoryRecord repository)
        => repository.Images.Values.OrderBy(i => i.PushedAt).ThenBy(i => i.Digest, StringComparer.Ordinal);

    private ImageDetail Detail(string repositoryName, ImageRecord image) => new()
    {
        RegistryId = ecr.AccountId,
        RepositoryName = repositoryName,
        ImageDigest = image.Digest,
        ImageTags = image.Tags.Count > 0 ? [.. Enumerable.Reverse(image.Tags)] : null,
        ImageSizeInBytes = image.ImageSizeInBytes,
        ImagePushedAt = EcrContext.Epoch(image.PushedAt),
        ImageManifestMediaType = image.MediaType,
        ArtifactMediaType = image.ArtifactMediaType,
        LastRecordedPullTime = image.LastPulledAt is { } pulled ? EcrContext.Epoch(pulled) : null,
        SubjectManifestDigest = image.SubjectDigest,
        ImageStatus = "ACTIVE",
    };
}
