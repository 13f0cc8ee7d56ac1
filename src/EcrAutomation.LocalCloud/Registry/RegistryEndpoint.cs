using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Ecr;
using EcrAutomation.LocalCloud.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Registry;

/// <summary>The OCI distribution API (<c>/v2/...</c>) over <see cref="RegistryState"/>, with ECR's Basic auth and error texts.</summary>
internal sealed partial class RegistryEndpoint(RegistryState state, RegistryTokens tokens, Func<string> registryHost)
{
    private const string OctetStream = "application/octet-stream";

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        if (!tokens.ValidateBasicHeader(context.Request.Headers.Authorization.ToString(), state.AccountId))
        {
            response.Headers.WWWAuthenticate = $"Basic realm=\"http://{registryHost()}/\",service=\"ecr.amazonaws.com\"";
            await ErrorAsync(context, 401, "UNAUTHORIZED", "authentication required").ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/v2/";
        var rest = path.Length > 4 ? path[4..] : string.Empty;
        try
        {
            if (rest.Length == 0)
            {
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync("{}", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            Match match;
            if ((match = TagsPath().Match(rest)).Success)
            {
                await WithRepository(context, match, () => TagsAsync(context, match.Groups["name"].Value)).ConfigureAwait(false);
            }
            else if ((match = UploadPath().Match(rest)).Success)
            {
                await WithRepository(context, match, () => UploadAsync(context, match.Groups["name"].Value, match.Groups["id"].Value)).ConfigureAwait(false);
            }
            else if ((match = ReferrersPath().Match(rest)).Success)
            {
                await WithRepository(context, match, () => ReferrersAsync(context, match.Groups["name"].Value, match.Groups["digest"].Value)).ConfigureAwait(false);
            }
            else if ((match = ManifestPath().Match(rest)).Success)
            {
                await WithRepository(context, match, () => ManifestAsync(context, match.Groups["name"].Value, match.Groups["ref"].Value)).ConfigureAwait(false);
            }
            else if ((match = BlobPath().Match(rest)).Success)
            {
                await WithRepository(context, match, () => BlobAsync(context, match.Groups["name"].Value, match.Groups["digest"].Value)).ConfigureAwait(false);
            }
            else
            {
                await ErrorAsync(context, 404, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
            }
        }
        catch (EcrException ex)
        {
            var (status, code, message) = ex.ErrorType switch
            {
                "RepositoryNotFoundException" => (404, "NAME_UNKNOWN", ex.Message),
                "ImageNotFoundException" => (404, "MANIFEST_UNKNOWN", "Requested image not found"),
                "ImageTagAlreadyExistsException" => (400, "TAG_INVALID", ex.Message),
                "LayersNotFoundException" or "ReferencedImagesNotFoundException" => (400, "MANIFEST_BLOB_UNKNOWN", ex.Message),
                "ImageDigestDoesNotMatchException" => (400, "DIGEST_INVALID", ex.Message),
                _ => (400, "MANIFEST_INVALID", ex.Message),
            };
            await ErrorAsync(context, status, code, message).ConfigureAwait(false);
        }
    }

    private async Task WithRepository(HttpContext context, Match match, Func<Task> action)
    {
        var name = match.Groups["name"].Value;
        if (!EcrValidation.IsValidRepositoryName(name))
        {
            await ErrorAsync(context, 400, "NAME_INVALID", "invalid repository name").ConfigureAwait(false);
            return;
        }

        var exists = await state.LockedAsync(() => state.FindLocked(name) is not null, context.RequestAborted).ConfigureAwait(false);
        if (!exists)
        {
            throw EcrException.RepositoryNotFound(name, state.AccountId);
        }

        await action().ConfigureAwait(false);
    }

    private async Task ManifestAsync(HttpContext context, string name, string reference)
    {
        var request = context.Request;
        var isDigest = reference.Contains(':', StringComparison.Ordinal);
        if (isDigest ? !Digests.IsSha256(reference) : !TagPattern().IsMatch(reference))
        {
            await ErrorAsync(context, 400, isDigest ? "DIGEST_INVALID" : "TAG_INVALID", isDigest ? "invalid digest" : "invalid tag").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var isGet = HttpMethods.IsGet(request.Method);
            var image = await state.LockedAsync(async () =>
            {
                var repository = state.GetLocked(name);
                var found = repository.FindByReference(reference);
                if (found is not null && isGet)
                {
                    found.LastPulledAt = state.Time.GetUtcNow();
                    await state.SaveLocked(repository, context.RequestAborted).ConfigureAwait(false);
                }

                return found?.Clone();
            }, context.RequestAborted).ConfigureAwait(false);
            var bytes = image is null ? null : await state.Blobs.ReadAllBytesAsync(image.Digest, context.RequestAborted).ConfigureAwait(false);
            if (image is null || bytes is null)
            {
                await ErrorAsync(context, 404, "MANIFEST_UNKNOWN", "Requested image not found").ConfigureAwait(false);
                return;
            }

            var response = context.Response;
            response.ContentType = image.MediaType;
            response.ContentLength = bytes.Length;
            response.Headers["Docker-Content-Digest"] = image.Digest;
            response.Headers.ETag = $"\"{image.Digest}\"";
            if (isGet)
            {
                await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            }

            return;
        }

        if (HttpMethods.IsPut(request.Method))
        {
            var body = await ReadLimitedAsync(request.Body, RegistryState.MaxManifestSize, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await ErrorAsync(context, 413, "SIZE_INVALID", "manifest too large").ConfigureAwait(false);
                return;
            }

            var mediaType = request.ContentType?.Split(';')[0].Trim();
            var result = await state.PutManifestAsync(
                name, body, mediaType, isDigest ? null : reference, isDigest ? reference : null, apiSemantics: false, context.RequestAborted).ConfigureAwait(false);
            var response = context.Response;
            response.StatusCode = 201;
            response.Headers.Location = $"/v2/{name}/manifests/{result.Digest}";
            response.Headers["Docker-Content-Digest"] = result.Digest;
            if (result.Image.SubjectDigest is not null)
            {
                response.Headers["OCI-Subject"] = result.Image.SubjectDigest;
            }

            response.ContentLength = 0;
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            var outcome = await state.DeleteImagesAsync(name, [isDigest ? (reference, null) : (null, reference)], context.RequestAborted).ConfigureAwait(false);
            if (outcome.Deleted.Count == 0)
            {
                var failure = outcome.Failures.FirstOrDefault();
                if (failure.Code == "ImageReferencedByManifestList")
                {
                    await ErrorAsync(context, 400, "DENIED", failure.Reason).ConfigureAwait(false);
                }
                else
                {
                    await ErrorAsync(context, 404, "MANIFEST_UNKNOWN", "Requested image not found").ConfigureAwait(false);
                }

                return;
            }

            context.Response.StatusCode = 202;
            context.Response.ContentLength = 0;
            return;
        }

        await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
    }

    private async Task BlobAsync(HttpContext context, string name, string digest)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
            return;
        }

        if (!Digests.IsSha256(digest))
        {
            await ErrorAsync(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content").ConfigureAwait(false);
            return;
        }

        if (!await state.IsBlobVisibleAsync(name, digest, context.RequestAborted).ConfigureAwait(false))
        {
            await ErrorAsync(context, 404, "BLOB_UNKNOWN", "blob unknown to registry").ConfigureAwait(false);
            return;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(state.Blobs.PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            await ErrorAsync(context, 404, "BLOB_UNKNOWN", "blob unknown to registry").ConfigureAwait(false);
            return;
        }

        await using (stream)
        {
            var response = context.Response;
            var length = stream.Length;
            response.ContentType = OctetStream;
            response.Headers["Docker-Content-Digest"] = digest;
            response.Headers.ETag = $"\"{digest}\"";
            response.Headers.AcceptRanges = "bytes";
            response.Headers.CacheControl = "max-age=31536000";
            if (HttpMethods.IsHead(request.Method))
            {
                state.TouchBlob(digest);
                response.ContentLength = length;
                return;
            }

            long start = 0;
            var end = length - 1;
            var range = request.Headers.Range.ToString();
            if (!string.IsNullOrEmpty(range))
            {
                var m = ByteRange().Match(range);
                if (!m.Success || !TryResolveRange(m, length, out start, out end))
                {
                    response.StatusCode = 416;
                    response.Headers.ContentRange = $"bytes */{length}";
                    response.ContentLength = 0;
                    return;
                }

                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {start}-{end}/{length}";
            }

            response.ContentLength = end - start + 1;
            stream.Seek(start, SeekOrigin.Begin);
            await CopyAsync(stream, response.Body, end - start + 1, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static bool TryResolveRange(Match m, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        var first = m.Groups["start"].Value;
        var last = m.Groups["end"].Value;
        if (first.Length == 0)
        {
            if (last.Length == 0 || !long.TryParse(last, out var suffix) || suffix == 0)
            {
                return false;
            }

            start = Math.Max(0, length - suffix);
            return length > 0;
        }

        if (!long.TryParse(first, out start) || start >= length)
        {
            return false;
        }

        if (last.Length > 0)
        {
            if (!long.TryParse(last, out end) || end < start)
            {
                return false;
            }

            end = Math.Min(end, length - 1);
        }

        return true;
    }

    private static async Task CopyAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            count -= read;
        }
    }

    private async Task UploadAsync(HttpContext context, string name, string uploadId)
    {
        var request = context.Request;
        var response = context.Response;
        if (uploadId.Length == 0)
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
                return;
            }

            var mount = request.Query["mount"].ToString();
            var from = request.Query["from"].ToString();
            if (mount.Length > 0 && from.Length > 0 && Digests.IsSha256(mount))
            {
                if (await state.IsBlobVisibleAsync(from, mount, context.RequestAborted).ConfigureAwait(false))
                {
                    state.LinkBlob(name, mount);
                    BlobCreated(response, name, mount);
                    return;
                }
            }

            var session = state.Blobs.StartUpload(name);
            var digest = request.Query["digest"].ToString();
            if (digest.Length > 0)
            {
                await CompleteAsync(context, session, name, digest).ConfigureAwait(false);
                return;
            }

            response.StatusCode = 202;
            UploadHeaders(response, name, session);
            return;
        }

        var upload = state.Blobs.FindUpload(uploadId);
        if (upload is null || upload.RepositoryName != name)
        {
            await ErrorAsync(context, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry").ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(request.Method))
        {
            response.StatusCode = 204;
            UploadHeaders(response, name, upload);
            return;
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            state.Blobs.CancelUpload(upload);
            response.StatusCode = 204;
            response.ContentLength = 0;
            return;
        }

        if (HttpMethods.IsPatch(request.Method))
        {
            await upload.Gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                var contentRange = request.Headers.ContentRange.ToString();
                if (contentRange.Length > 0)
                {
                    var m = ChunkRange().Match(contentRange);
                    if (!m.Success
                        || long.Parse(m.Groups["start"].Value, System.Globalization.CultureInfo.InvariantCulture) != upload.Length
                        || (request.ContentLength is long declared
                            && declared != long.Parse(m.Groups["end"].Value, System.Globalization.CultureInfo.InvariantCulture) - upload.Length + 1))
                    {
                        response.StatusCode = 416;
                        UploadHeaders(response, name, upload);
                        return;
                    }
                }

                await upload.AppendAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                upload.Gate.Release();
            }

            response.StatusCode = 202;
            UploadHeaders(response, name, upload);
            return;
        }

        if (HttpMethods.IsPut(request.Method))
        {
            await CompleteAsync(context, upload, name, request.Query["digest"].ToString()).ConfigureAwait(false);
            return;
        }

        await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
    }

    private async Task CompleteAsync(HttpContext context, UploadSession session, string name, string digest)
    {
        if (!Digests.IsSha256(digest))
        {
            state.Blobs.CancelUpload(session);
            await ErrorAsync(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content").ConfigureAwait(false);
            return;
        }

        await session.Gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await session.AppendAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }

        if (!await state.CompleteUploadAsync(name, session, digest, context.RequestAborted).ConfigureAwait(false))
        {
            state.Blobs.CancelUpload(session);
            await ErrorAsync(context, 400, "DIGEST_INVALID", "provided digest did not match uploaded content").ConfigureAwait(false);
            return;
        }

        BlobCreated(context.Response, name, digest);
    }

    private static void BlobCreated(HttpResponse response, string name, string digest)
    {
        response.StatusCode = 201;
        response.Headers.Location = $"/v2/{name}/blobs/{digest}";
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = 0;
    }

    private static void UploadHeaders(HttpResponse response, string name, UploadSession session)
    {
        response.Headers.Location = $"/v2/{name}/blobs/uploads/{session.Id}";
        response.Headers["Docker-Upload-UUID"] = session.Id;
        response.Headers.Range = $"0-{Math.Max(0, session.Length - 1)}";
        response.ContentLength = 0;
    }

    private async Task TagsAsync(HttpContext context, string name)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
            return;
        }

        var all = await state.LockedAsync(
            () => state.GetLocked(name).Images.Values.SelectMany(i => i.Tags).Order(StringComparer.Ordinal).ToList(),
            context.RequestAborted).ConfigureAwait(false);
        var last = context.Request.Query["last"].ToString();
        IEnumerable<string> tags = all;
        if (last.Length > 0)
        {
            tags = tags.Where(t => string.CompareOrdinal(t, last) > 0);
        }

        var page = tags.ToList();
        if (int.TryParse(context.Request.Query["n"], out var n) && n >= 0 && n < page.Count)
        {
            page = page.Take(n).ToList();
            if (page.Count > 0)
            {
                context.Response.Headers.Link = $"</v2/{name}/tags/list?last={Uri.EscapeDataString(page[^1])}&n={n}>; rel=\"next\"";
            }
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { name, tags = page }), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>OCI 1.1 referrers API: an image index of the manifests whose <c>subject</c> is the digest.</summary>
    private async Task ReferrersAsync(HttpContext context, string name, string digest)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorAsync(context, 405, "UNSUPPORTED", "The operation is unsupported.").ConfigureAwait(false);
            return;
        }

        if (!Digests.IsSha256(digest))
        {
            await ErrorAsync(context, 400, "DIGEST_INVALID", "invalid digest").ConfigureAwait(false);
            return;
        }

        var filter = context.Request.Query["artifactType"].ToString();
        var referrers = await state.LockedAsync(
            () => state.GetLocked(name).Images.Values
                .Where(i => i.SubjectDigest == digest && (filter.Length == 0 || i.ArtifactType == filter))
                .OrderBy(i => i.PushedAt)
                .Select(i => i.Clone())
                .ToList(),
            context.RequestAborted).ConfigureAwait(false);
        var manifests = new System.Text.Json.Nodes.JsonArray();
        foreach (var referrer in referrers)
        {
            var descriptor = new System.Text.Json.Nodes.JsonObject
            {
                ["mediaType"] = referrer.MediaType,
                ["digest"] = referrer.Digest,
                ["size"] = referrer.ManifestSize,
            };
            if (referrer.ArtifactType is not null)
            {
                descriptor["artifactType"] = referrer.ArtifactType;
            }

            if (referrer.Annotations is { Count: > 0 })
            {
                descriptor["annotations"] = new System.Text.Json.Nodes.JsonObject(
                    referrer.Annotations.Select(a => KeyValuePair.Create(a.Key, (System.Text.Json.Nodes.JsonNode?)a.Value)));
            }

            manifests.Add(descriptor);
        }

        if (filter.Length > 0)
        {
            context.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        }

        var index = new System.Text.Json.Nodes.JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = RegistryState.OciIndex,
            ["manifests"] = manifests,
        };
        context.Response.ContentType = RegistryState.OciIndex;
        await context.Response.WriteAsync(index.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    internal static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.Serialize(new { errors = new[] { new { code, message, detail = (object?)null } } });
        if (HttpMethods.IsHead(context.Request.Method))
        {
            response.ContentLength = 0;
            return;
        }

        await response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex("^(?<name>.+)/tags/list$")]
    private static partial Regex TagsPath();

    [GeneratedRegex("^(?<name>.+)/blobs/uploads/?(?<id>[^/]*)$")]
    private static partial Regex UploadPath();

    [GeneratedRegex("^(?<name>.+)/manifests/(?<ref>[^/]+)$")]
    private static partial Regex ManifestPath();

    [GeneratedRegex("^(?<name>.+)/referrers/(?<digest>[^/]+)$")]
    private static partial Regex ReferrersPath();

    [GeneratedRegex("^(?<name>.+)/blobs/(?<digest>[^/]+)$")]
    private static partial Regex BlobPath();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")]
    internal static partial Regex TagPattern();

    [GeneratedRegex(@"^bytes=(?<start>\d*)-(?<end>\d*)$")]
    private static partial Regex ByteRange();

    [GeneratedRegex(@"^(?:bytes[ =])?(?<start>\d+)-(?<end>\d+)(?:/\S+)?$")]
    private static partial Regex ChunkRange();
}
