using System.Security.Cryptography;
using System.Text;
using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>
/// Layers through the ECR API (the AWS SDK pushers' path): BatchCheckLayerAvailability, InitiateLayerUpload,
/// UploadLayerPart, CompleteLayerUpload, and GetDownloadUrlForLayer with its signed download URLs.
/// </summary>
internal sealed class LayerHandlers(EcrContext ecr, RegistryTokens tokens, Func<Uri> endpoint)
{
    private const int PartSize = 10 * 1024 * 1024;

    /// <summary>Every layer part except the last must be at least 5 MiB (LayerPartTooSmallException).</summary>
    private const int MinPartSize = 5 * 1024 * 1024;

    private const int MaxPartLength = 20971520;

    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<LayerRequest, BatchCheckLayerAvailabilityResponse>("BatchCheckLayerAvailability", CheckAvailabilityAsync),
        EcrOperation.Create<LayerRequest, InitiateLayerUploadResponse>("InitiateLayerUpload", InitiateUploadAsync),
        EcrOperation.Create<LayerRequest, UploadLayerPartResponse>("UploadLayerPart", UploadPartAsync),
        EcrOperation.Create<LayerRequest, CompleteLayerUploadResponse>("CompleteLayerUpload", CompleteUploadAsync),
        EcrOperation.Create<LayerRequest, GetDownloadUrlForLayerResponse>("GetDownloadUrlForLayer", GetDownloadUrlAsync),
    ];

    /// <summary>Checks a download URL produced by GetDownloadUrlForLayer: signed by us and not expired.</summary>
    public bool ValidateDownload(string digest, string? expires, string? signature)
        => long.TryParse(expires, out var at)
            && ecr.Now.ToUnixTimeSeconds() < at
            && signature is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(tokens.SignString($"{digest}|{at}")));

    private async Task<BatchCheckLayerAvailabilityResponse> CheckAvailabilityAsync(LayerRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var digests = EcrRequestParsing.Strings(request.LayerDigests);
        if (digests is null || digests.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        var state = ecr.State;
        await state.LockedAsync(() => state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var layers = new List<LayerMessage>();
        var failures = new List<LayerFailure>();
        foreach (var digest in digests)
        {
            if (!Digests.IsValid(digest))
            {
                failures.Add(new LayerFailure(digest, "InvalidLayerDigest", "Invalid layer digest"));
                continue;
            }

            var size = state.Blobs.SizeOf(digest);
            if (size is null || !await state.IsBlobVisibleAsync(name, digest, cancellationToken).ConfigureAwait(false))
            {
                failures.Add(new LayerFailure(digest, "MissingLayerDigest", "Could not find layer"));
                continue;
            }

            state.TouchBlob(digest);
            layers.Add(new LayerMessage(digest, "AVAILABLE", size.Value));
        }

        return new BatchCheckLayerAvailabilityResponse(layers, failures);
    }

    private async Task<InitiateLayerUploadResponse> InitiateUploadAsync(LayerRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var state = ecr.State;
        await state.LockedAsync(() => state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var session = state.Blobs.StartUpload(name);
        return new InitiateLayerUploadResponse(session.Id, PartSize);
    }

    private async Task<UploadLayerPartResponse> UploadPartAsync(LayerRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var session = FindUpload(request, name);
        var first = request.PartFirstByte ?? throw EcrException.InvalidParameter("Invalid parameter at 'partFirstByte' failed to satisfy constraint: 'Member must not be null'");
        var last = request.PartLastByte ?? throw EcrException.InvalidParameter("Invalid parameter at 'partLastByte' failed to satisfy constraint: 'Member must not be null'");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(EcrContext.Required(request.LayerPartBlob, "layerPartBlob"));
        }
        catch (FormatException)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerPartBlob' failed to satisfy constraint: 'Invalid base64 content'");
        }

        if (blob.Length > MaxPartLength)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'layerPartBlob' failed to satisfy constraint: 'Member must have length less than or equal to {MaxPartLength}'");
        }

        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (first != session.Length || last - first + 1 != blob.Length)
            {
                throw new EcrException(
                    "InvalidLayerPartException",
                    $"The layer part with first byte {first} and last byte {last} is not valid for upload '{session.Id}'; the last byte received was {session.Length - 1}");
            }

            if (session.LastPartLength < MinPartSize)
            {
                throw new EcrException("LayerPartTooSmallException", "Layer parts must be at least 5 MiB in size.");
            }

            await session.AppendAsync(blob, cancellationToken).ConfigureAwait(false);
            session.LastPartLength = blob.Length;
            return new UploadLayerPartResponse(ecr.AccountId, name, session.Id, session.Length - 1);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<CompleteLayerUploadResponse> CompleteUploadAsync(LayerRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var session = FindUpload(request, name);
        var digests = EcrRequestParsing.Strings(request.LayerDigests);
        if (digests is null || digests.Count != 1 || !Digests.IsSha256(digests[0]))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'exactly one sha256 layer digest must be provided'");
        }

        if (session.Length == 0)
        {
            throw new EcrException("EmptyUploadException", $"The upload with id '{session.Id}' does not contain any layer parts.");
        }

        var digest = digests[0];
        var state = ecr.State;
        if (await state.IsBlobVisibleAsync(name, digest, cancellationToken).ConfigureAwait(false))
        {
            state.Blobs.CancelUpload(session);
            throw new EcrException("LayerAlreadyExistsException", $"The layer '{digest}' already exists in the repository with name '{name}' in registry with id '{ecr.AccountId}'");
        }

        if (!await state.CompleteUploadAsync(name, session, digest, cancellationToken).ConfigureAwait(false))
        {
            var actual = session.CurrentDigest();
            state.Blobs.CancelUpload(session);
            throw new EcrException("InvalidLayerException", $"The calculated digest '{actual}' of the uploaded layer does not match the provided digest '{digest}'");
        }

        return new CompleteLayerUploadResponse(ecr.AccountId, name, session.Id, digest);
    }

    private async Task<GetDownloadUrlForLayerResponse> GetDownloadUrlAsync(LayerRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var digest = EcrContext.Required(request.LayerDigest, "layerDigest");
        var state = ecr.State;
        var referenced = await state.LockedAsync(
            () => state.GetLocked(name).Images.Values.Any(i => i.BlobDigests.Contains(digest)),
            cancellationToken).ConfigureAwait(false);
        if (!state.Blobs.Exists(digest))
        {
            throw new EcrException("LayersNotFoundException", "The specified layers could not be found, or the specified layer is not valid for this repository.");
        }

        if (!referenced)
        {
            throw new EcrException("LayerInaccessibleException", "The specified layer is not available because it is not associated with an image. Unassociated image layers may be cleaned up at any time.");
        }

        var expires = ecr.Now.AddHours(1).ToUnixTimeSeconds();
        var signature = tokens.SignString($"{digest}|{expires}");
        var url = new Uri(endpoint(), $"/_localcloud/layers/{digest}?expires={expires}&signature={signature}");
        return new GetDownloadUrlForLayerResponse(url.ToString(), digest);
    }

    private UploadSession FindUpload(LayerRequest request, string name)
    {
        var id = EcrContext.Required(request.UploadId, "uploadId");
        var session = ecr.State.Blobs.FindUpload(id);
        if (session is null || session.RepositoryName != name)
        {
            throw new EcrException("UploadNotFoundException", $"The upload with id '{id}' does not exist in the repository with name '{name}' in the registry with id '{ecr.AccountId}'");
        }

        return session;
    }
}
