namespace EcrAutomation.Workloads;

/// <summary>
/// Where <see cref="ContainerHost"/> reads images from: manifests and blobs of a registry, by repository. The local cloud
/// implements it over its own registry state, so containers start from exactly what was pushed, offline.
/// </summary>
public interface IContainerImageStore
{
    /// <summary>
    /// Reads a manifest (image manifest or index) by tag or digest, with its media type; <see langword="null"/> when the
    /// repository or reference does not exist.
    /// </summary>
    /// <param name="repository">The repository name, for example <c>team/app</c>.</param>
    /// <param name="reference">A tag or a <c>sha256:</c> digest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<(byte[] Bytes, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>Opens a blob (config or layer) for reading; <see langword="null"/> when the repository does not hold it.</summary>
    /// <param name="repository">The repository name the blob belongs to.</param>
    /// <param name="digest">The blob's <c>sha256:</c> digest.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken);
}
