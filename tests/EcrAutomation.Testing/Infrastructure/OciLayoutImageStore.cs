using System.Text.Json;
using EcrAutomation.Workloads;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// An <see cref="IContainerImageStore"/> over an OCI image layout on disk (what the daemonless builder writes), for tests
/// that run containers without a registry in between; every repository sees every blob, references are digests.
/// </summary>
public sealed class OciLayoutImageStore(string layoutPath) : IContainerImageStore
{
    /// <inheritdoc />
    public async Task<(byte[] Bytes, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var path = BlobPath(reference);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        return (bytes, document.RootElement.GetProperty("mediaType").GetString()!);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken)
        => Task.FromResult<Stream?>(BlobPath(digest) is { } path && File.Exists(path) ? File.OpenRead(path) : null);

    private string? BlobPath(string digest)
        => digest.StartsWith("sha256:", StringComparison.Ordinal) ? Path.Combine(layoutPath, "blobs", "sha256", digest["sha256:".Length..]) : null;
}
