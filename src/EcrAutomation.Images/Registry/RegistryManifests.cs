using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>Manifest and tag operations of the distribution API, with digest checks on reads and immutable-tag handling on writes.</summary>
internal sealed partial class RegistryManifests(RegistryConnection connection)
{
    /// <exception cref="DigestMismatchException">The bytes do not match the requested or announced digest.</exception>
    public Task<ManifestContent?> GetAsync(string repository, string reference, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(async ct =>
        {
            using var response = await connection.SendAsync(repository, () => ManifestRequest(HttpMethod.Get, repository, reference), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await connection.EnsureSuccessAsync(response, $"GET manifest {repository}:{reference}", ct).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var content = new ManifestContent(bytes, response.Content.Headers.ContentType?.MediaType);
            Digest? expected = Digest.TryParse(reference, out var byDigest) ? byDigest
                : Digest.TryParse(RegistryConnection.HeaderValue(response, "Docker-Content-Digest"), out var announced) && announced.Algorithm == Digest.Sha256 ? announced
                : null;
            if (expected is { } e && e.Algorithm == Digest.Sha256 && e != content.Digest)
            {
                throw new DigestMismatchException(e, content.Digest, null, bytes.Length);
            }

            return (ManifestContent?)content;
        }, cancellationToken);

    public Task<Descriptor?> HeadAsync(string repository, string reference, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(async ct =>
        {
            using var response = await connection.SendAsync(repository, () => ManifestRequest(HttpMethod.Head, repository, reference), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await connection.EnsureSuccessAsync(response, $"HEAD manifest {repository}:{reference}", ct).ConfigureAwait(false);
            if (!Digest.TryParse(RegistryConnection.HeaderValue(response, "Docker-Content-Digest"), out var digest))
            {
                // A registry that omits the header: fall back to fetching the bytes.
                var content = await GetAsync(repository, reference, ct).ConfigureAwait(false);
                return content?.ToDescriptor();
            }

            return (Descriptor?)new Descriptor
            {
                MediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypes.OciManifest,
                Digest = digest,
                Size = response.Content.Headers.ContentLength ?? 0,
            };
        }, cancellationToken);

    /// <summary>Puts the manifest; false when an immutable tag already pointed at the same digest (nothing changed).</summary>
    /// <exception cref="RegistryTagImmutableException">The tag is immutable and points at another digest.</exception>
    public async Task<bool> PutAsync(string repository, string reference, ManifestContent manifest, CancellationToken cancellationToken)
    {
        try
        {
            await connection.ExecuteAsync(async ct =>
            {
                using var response = await connection.SendAsync(repository, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, RegistryConnection.ManifestPath(repository, reference)) { Content = new ReadOnlyMemoryContent(manifest.Bytes) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
                    return request;
                }, ct).ConfigureAwait(false);
                await connection.EnsureSuccessAsync(response, $"PUT manifest {repository}:{reference}", ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RegistryException ex) when (ex is not RegistryAuthenticationException
            && (ex.ErrorCode == "TAG_INVALID" || ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)))
        {
            // An immutable tag: re-pushing the digest it already has is success, anything else is a real conflict.
            var existing = await HeadAsync(repository, reference, cancellationToken).ConfigureAwait(false);
            if (existing?.Digest == manifest.Digest)
            {
                return false;
            }

            throw new RegistryTagImmutableException(
                $"The tag '{reference}' of '{repository}' is immutable and points at {existing?.Digest.ToString() ?? "another image"}, not {manifest.Digest}. {ex.Message}",
                ex.StatusCode,
                ex.ErrorCode);
        }
    }

    public Task<bool> DeleteAsync(string repository, Digest digest, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(async ct =>
        {
            using var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Delete, RegistryConnection.ManifestPath(repository, digest.ToString())), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await connection.EnsureSuccessAsync(response, $"DELETE manifest {repository}@{digest}", ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) =>
        connection.ExecuteAsync<IReadOnlyList<string>>(async ct =>
        {
            var tags = new List<string>();
            string? next = $"v2/{RegistryConnection.ValidateRepository(repository)}/tags/list?n=1000";
            while (next is not null)
            {
                var url = next;
                using var response = await connection.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Get, url), ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return tags;
                }

                await connection.EnsureSuccessAsync(response, $"GET tags {repository}", ct).ConfigureAwait(false);
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
                if (document.RootElement.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(array.EnumerateArray().Select(t => t.GetString()!).Where(t => t is not null));
                }

                next = NextLink(response);
            }

            return tags;
        }, cancellationToken);

    private static HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, RegistryConnection.ManifestPath(repository, reference));
        foreach (var type in MediaTypes.AllManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        var link = RegistryConnection.HeaderValue(response, "Link");
        if (link is null)
        {
            return null;
        }

        var match = LinkPattern().Match(link);
        return match.Success ? match.Groups[1].Value.TrimStart('/') : null;
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?")]
    private static partial Regex LinkPattern();
}
