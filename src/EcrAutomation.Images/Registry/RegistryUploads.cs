using System.Net;
using System.Net.Http.Headers;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// Blob uploads of the distribution API: upload sessions with cross-repository mount, monolithic PUTs and chunked PATCHes
/// (ECR's part sizes and its 201-for-202 answer included).
/// </summary>
internal sealed class RegistryUploads(RegistryConnection connection, int chunkSize)
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>Starts an upload session, or mounts the blob when <paramref name="mountFrom"/> is given and the registry agrees (201).</summary>
    public async Task<(bool Mounted, Uri? Location)> StartAsync(string repository, Digest digest, string? mountFrom, CancellationToken cancellationToken)
    {
        var path = $"v2/{RegistryConnection.ValidateRepository(repository)}/blobs/uploads/";
        if (mountFrom is not null)
        {
            path += $"?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(mountFrom)}";
        }

        using var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Post, path), cancellationToken, mountScope: mountFrom).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return (true, null);
        }

        await connection.EnsureSuccessAsync(response, $"POST upload {repository}", cancellationToken).ConfigureAwait(false);
        return (false, connection.LocationOf(response));
    }

    public async Task CancelAsync(string repository, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Delete, location), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // Abandoned sessions expire on the registry; nothing to do.
        }
    }

    /// <summary>Sends the content into an open session, in one PUT up to <paramref name="monolithicThreshold"/> bytes, else in chunks; returns the bytes sent.</summary>
    public Task<long> UploadAsync(string repository, Uri location, Descriptor descriptor, Stream content, long monolithicThreshold, CancellationToken cancellationToken) =>
        descriptor.Size <= monolithicThreshold
            ? UploadMonolithicAsync(repository, location, descriptor, content, cancellationToken)
            : UploadChunkedAsync(repository, location, descriptor, content, cancellationToken);

    private async Task<long> UploadMonolithicAsync(string repository, Uri location, Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        var target = WithDigest(location, descriptor.Digest);
        using var response = await connection.SendAsync(repository, () =>
        {
            if (content.CanSeek)
            {
                // A resend after an auth challenge must start from the first byte again.
                content.Position = 0;
            }

            var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(new NonDisposingStream(content), 1 << 16) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            request.Content.Headers.ContentLength = descriptor.Size;
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await connection.EnsureSuccessAsync(response, $"PUT blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        return descriptor.Size;
    }

    private async Task<long> UploadChunkedAsync(string repository, Uri location, Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[chunkSize];
        long offset = 0;
        while (true)
        {
            var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (filled == 0)
            {
                break;
            }

            var start = offset;
            var chunkLocation = location;
            using var response = await connection.SendAsync(repository, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Patch, chunkLocation) { Content = new ByteArrayContent(buffer, 0, filled) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
                // Inclusive range without a "bytes=" prefix, as the distribution spec (and Docker's registry) expects.
                request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + filled - 1}");
                return request;
            }, cancellationToken).ConfigureAwait(false);
            // ECR answers 201 where the spec says 202.
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Created or HttpStatusCode.NoContent))
            {
                await connection.EnsureSuccessAsync(response, $"PATCH blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
            }

            location = connection.LocationOf(response) ?? location;
            offset += filled;
        }

        using var done = await connection.SendAsync(repository, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, descriptor.Digest)) { Content = new ByteArrayContent([]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await connection.EnsureSuccessAsync(done, $"PUT blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        return offset;
    }

    private static Uri WithDigest(Uri location, Digest digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
    }
}
