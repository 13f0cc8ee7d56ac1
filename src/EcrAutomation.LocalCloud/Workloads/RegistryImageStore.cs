using EcrAutomation.LocalCloud.Storage;
using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Workloads;

/// <summary>
/// The local cloud's registry as the container runner's image source: manifests by tag or digest and blobs visible in the
/// repository, read straight from the registry state (no HTTP, no credentials). A manifest read counts as a pull, so
/// <c>lastRecordedPullTime</c> moves as when ECS or a kubelet pulls on AWS.
/// </summary>
internal sealed class RegistryImageStore(RegistryState state) : IContainerImageStore
{
    public async Task<(byte[] Bytes, string MediaType)?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var image = await state.LockedAsync(async () =>
        {
            var record = state.FindLocked(repository);
            var found = record?.FindByReference(reference);
            if (found is not null)
            {
                found.LastPulledAt = state.Time.GetUtcNow();
                await state.SaveLocked(record!, cancellationToken).ConfigureAwait(false);
            }

            return found?.Clone();
        }, cancellationToken).ConfigureAwait(false);
        var bytes = image is null ? null : await state.Blobs.ReadAllBytesAsync(image.Digest, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : (bytes, image!.MediaType);
    }

    public async Task<Stream?> OpenBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        if (!await state.IsBlobVisibleAsync(repository, digest, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return new FileStream(state.Blobs.PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
