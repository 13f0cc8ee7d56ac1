using System.Net;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>Blob reads of the distribution API: existence, streaming and verified downloads.</summary>
internal sealed class RegistryBlobs(RegistryConnection connection)
{
    public Task<bool> ExistsAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(async ct =>
        {
            using var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Head, RegistryConnection.BlobPath(repository, digest)), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await connection.EnsureSuccessAsync(response, $"HEAD blob {digest}", ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<Stream> OpenAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Get, RegistryConnection.BlobPath(repository, digest)), cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            await connection.EnsureSuccessAsync(response, $"GET blob {digest}", cancellationToken).ConfigureAwait(false);
            return new ResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public Task<string> PullAsync(string repository, Descriptor descriptor, ContentStore store, CancellationToken cancellationToken)
    {
        if (store.Contains(descriptor.Digest))
        {
            return Task.FromResult(store.GetBlobPath(descriptor.Digest));
        }

        return connection.ExecuteAsync(async ct =>
        {
            await using var stream = await OpenAsync(repository, descriptor.Digest, ct).ConfigureAwait(false);
            return await store.WriteBlobAsync(stream, descriptor.Digest, descriptor.Size, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Reads a small blob (an image config) into memory and checks its digest.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not match the descriptor.</exception>
    public Task<byte[]> ReadVerifiedAsync(string repository, Descriptor descriptor, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(async ct =>
        {
            await using var stream = await OpenAsync(repository, descriptor.Digest, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            var actual = Digest.Compute(bytes);
            return actual != descriptor.Digest ? throw new DigestMismatchException(descriptor.Digest, actual, descriptor.Size, bytes.Length) : bytes;
        }, cancellationToken);
}
