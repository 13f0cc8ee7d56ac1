using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building;

/// <summary>
/// The content hash that decides "unchanged → no build, no push": sha256 over the Dockerfile, the build args, target
/// and platform, and every context file not excluded by <c>.dockerignore</c> (relative path with <c>/</c>, kind, mode,
/// and content or link target). It depends on nothing else: not on absolute paths, timestamps, owners or the order the
/// file system lists entries in, so it is the same on every machine.
/// </summary>
public static class BuildContextHash
{
    /// <summary>Computes the hash. <paramref name="dockerfilePath"/> defaults to <c>&lt;context&gt;/Dockerfile</c>; <paramref name="platform"/> to <c>linux/amd64</c>.</summary>
    public static async Task<Digest> ComputeAsync(
        string contextDirectory,
        string? dockerfilePath = null,
        IReadOnlyDictionary<string, string>? buildArgs = null,
        string? target = null,
        string? platform = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextDirectory);
        dockerfilePath ??= Path.Combine(contextDirectory, "Dockerfile");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, "ecr-automation-context-v1");
        AppendField(hash, "dockerfile");
        hash.AppendData(SHA256.HashData(await File.ReadAllBytesAsync(dockerfilePath, cancellationToken).ConfigureAwait(false)));
        foreach (var (key, value) in (buildArgs ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AppendField(hash, "arg");
            AppendField(hash, key);
            AppendField(hash, value);
        }

        AppendField(hash, "target");
        AppendField(hash, target ?? string.Empty);
        AppendField(hash, "platform");
        AppendField(hash, (platform is null ? Platform.LinuxAmd64 : Platform.Parse(platform)).ToString());

        var context = BuildContext.Scan(contextDirectory, DockerIgnore.Load(contextDirectory, dockerfilePath));
        var buffer = new byte[1 << 16];
        foreach (var entry in context.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AppendField(hash, "entry");
            AppendField(hash, entry.RelativePath);
            AppendField(hash, entry.Kind.ToString());
            AppendField(hash, Convert.ToString((int)entry.Mode, 8));
            switch (entry.Kind)
            {
                case FileEntryKind.Symlink:
                    AppendField(hash, entry.LinkTarget ?? string.Empty);
                    break;
                case FileEntryKind.File:
                    using (var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                    {
                        await using var stream = new FileStream(entry.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: false);
                        int read;
                        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            fileHash.AppendData(buffer, 0, read);
                        }

                        hash.AppendData(fileHash.GetHashAndReset());
                    }

                    break;
            }
        }

        return Digest.FromSha256Hash(hash.GetHashAndReset());
    }

    private static void AppendField(IncrementalHash hash, string value)
    {
        // Length-prefixed so that no two different field sequences can produce the same byte stream.
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
