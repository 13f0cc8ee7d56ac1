using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Registry;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Images;

/// <summary>What the engine build needs.</summary>
internal sealed record EngineBuildRequest(
    string ContextDirectory,
    string DockerfilePath,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Target,
    string Platform,
    IReadOnlyList<string> CacheFrom,
    IReadOnlyList<string> Tags,
    string RegistryHost,
    RegistryCredentials Credentials,
    bool Push);

/// <summary>
/// Builds with a Docker engine through Docker.DotNet (the classic builder API, which every engine has), streaming the
/// build log into the resource's diagnostics, then pushes through the engine and takes the digest from its push stream.
/// </summary>
internal sealed class DockerEngineBuilder(string dockerHost, TimeSpan pingTimeout)
{
    /// <summary>The name under which the Dockerfile travels in the context tar (it may live outside the context).</summary>
    private const string DockerfileEntry = ".ecr-automation.Dockerfile";

    /// <summary>The engine endpoint.</summary>
    public string Host => dockerHost;

    /// <summary>Null when the engine answers a ping; otherwise why not.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if (dockerHost.StartsWith("unix://", StringComparison.Ordinal) && !File.Exists(dockerHost["unix://".Length..]))
        {
            return $"no Docker engine socket at {dockerHost}";
        }

        try
        {
            using var client = CreateClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(pingTimeout);
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"the Docker engine at {dockerHost} does not answer ({e.GetType().Name}: {e.Message})";
        }
    }

    /// <summary>Builds, tags with every tag and pushes them; returns the pushed digest (<c>sha256:…</c>).</summary>
    public async Task<string> BuildAndPushAsync(EngineBuildRequest request, IResourceLog log, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var contextTar = Path.Combine(Path.GetTempPath(), $"ecra-context-{Guid.NewGuid():N}.tar");
        try
        {
            await WriteContextTarAsync(request, contextTar, cancellationToken).ConfigureAwait(false);
            var auth = new AuthConfig { Username = request.Credentials.Username, Password = request.Credentials.Password, ServerAddress = request.RegistryHost };
            var version = await client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var native = $"{version.Os}/{version.Arch}";
            var parameters = new ImageBuildParameters
            {
                Dockerfile = DockerfileEntry,
                Tags = [.. request.Tags],
                BuildArgs = request.BuildArgs.ToDictionary(kv => kv.Key, kv => kv.Value),
                Target = request.Target,
                CacheFrom = [.. request.CacheFrom],
                Remove = true,
                ForceRemove = true,
                // The classic builder rejects --platform on some engines; pass it only when it differs from the engine's own.
                Platform = string.Equals(request.Platform, native, StringComparison.OrdinalIgnoreCase) ? null : request.Platform,
            };
            string? error = null;
            var progress = new SyncProgress<JSONMessage>(m =>
            {
                if (m.Error is { } e) error = e.Message;
                else if (!string.IsNullOrEmpty(m.ErrorMessage)) error = m.ErrorMessage;
                foreach (var line in (m.Stream ?? m.Status ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    log.Info(line);
                }
            });
            await using (var stream = File.OpenRead(contextTar))
            {
                await client.Images.BuildImageFromDockerfileAsync(parameters, stream, [auth], new Dictionary<string, string>(), progress, cancellationToken).ConfigureAwait(false);
            }

            if (error is not null) throw new ResourceProviderException($"docker build failed: {error}");
            if (!request.Push)
            {
                var inspect = await client.Images.InspectImageAsync(request.Tags[0], cancellationToken).ConfigureAwait(false);
                return inspect.ID;
            }

            string? digest = null;
            foreach (var tag in request.Tags)
            {
                var (repository, tagName) = SplitTag(tag);
                var pushProgress = new SyncProgress<JSONMessage>(m =>
                {
                    if (m.Error is { } e) error = e.Message;
                    else if (!string.IsNullOrEmpty(m.ErrorMessage)) error = m.ErrorMessage;
                    if (m.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var d) && d?.ToString() is { Length: > 0 } ds) digest = ds;
                    if (!string.IsNullOrEmpty(m.Status) && m.Progress is null) log.Info(string.IsNullOrEmpty(m.ID) ? m.Status : $"{m.ID}: {m.Status}");
                });
                await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tagName }, auth, pushProgress, cancellationToken).ConfigureAwait(false);
                if (error is not null) throw new ResourceProviderException($"docker push of {tag} failed: {error}");
            }

            return digest ?? throw new ResourceProviderException($"the Docker engine pushed {request.Tags[0]} but reported no digest");
        }
        finally
        {
            File.Delete(contextTar);
        }
    }

    private DockerClient CreateClient() => new DockerClientConfiguration(new Uri(dockerHost)).CreateClient();

    private static (string Repository, string Tag) SplitTag(string reference)
    {
        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    /// <summary>The context as the engine expects it: every non-ignored file, plus the Dockerfile under a fixed name.</summary>
    private static async Task WriteContextTarAsync(EngineBuildRequest request, string path, CancellationToken cancellationToken)
    {
        var context = BuildContext.Scan(request.ContextDirectory, DockerIgnore.Load(request.ContextDirectory, request.DockerfilePath));
        await using var file = File.Create(path);
        await using var writer = new TarWriter(file, TarEntryFormat.Pax, leaveOpen: false);
        foreach (var entry in context.Entries)
        {
            // Already filtered here; the engine must not filter again with its own reading of .dockerignore.
            if (entry.RelativePath == ".dockerignore" || entry.RelativePath == DockerfileEntry) continue;
            switch (entry.Kind)
            {
                case FileEntryKind.Directory:
                    await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, entry.RelativePath + "/") { Mode = entry.Mode }, cancellationToken).ConfigureAwait(false);
                    break;
                case FileEntryKind.Symlink:
                    await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, entry.RelativePath) { Mode = entry.Mode, LinkName = entry.LinkTarget ?? "" }, cancellationToken).ConfigureAwait(false);
                    break;
                case FileEntryKind.File:
                    await using (var data = File.OpenRead(entry.FullPath))
                    {
                        var tarEntry = new PaxTarEntry(TarEntryType.RegularFile, entry.RelativePath) { Mode = entry.Mode, DataStream = data };
                        await writer.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        var dockerfile = await File.ReadAllBytesAsync(request.DockerfilePath, cancellationToken).ConfigureAwait(false);
        var dockerfileEntry = new PaxTarEntry(TarEntryType.RegularFile, DockerfileEntry)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = new MemoryStream(dockerfile),
        };
        await writer.WriteEntryAsync(dockerfileEntry, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
