using System.Collections.Concurrent;
using System.Globalization;
using EcrAutomation.Images.Building.Stages;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>
/// Builds OCI images from a Dockerfile without a Docker engine: every COPY/ADD becomes one deterministic layer, metadata
/// instructions become config, base images are pulled (manifest and config only) through the <see cref="RegistryClient"/>.
/// Instructions that need to run code (<c>RUN</c>, ...) give a <see cref="BuildRequiresDockerEngine"/> outcome instead.
/// </summary>
public sealed class DaemonlessImageBuilder : IDisposable
{
    private readonly DaemonlessBuilderOptions _options;
    private readonly ConcurrentDictionary<string, RegistryClient> _ownedClients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a builder whose blobs go to <c>&lt;CacheDirectory&gt;/oci</c>.</summary>
    public DaemonlessImageBuilder(DaemonlessBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CacheDirectory);
        _options = options;
        Store = new ContentStore(Path.Combine(options.CacheDirectory, "oci"));
    }

    /// <summary>The content store (an OCI image layout) holding built blobs.</summary>
    public ContentStore Store { get; }

    /// <summary>
    /// Says whether the stages needed for <paramref name="target"/> can be built without a Docker engine;
    /// null when they can, otherwise the first offending instruction. Cheap: no file or network access, so it suits preview.
    /// </summary>
    /// <exception cref="DockerfileException">The Dockerfile is malformed (unknown instruction, no FROM, unknown target).</exception>
    public static BuildRequiresDockerEngine? CheckSupport(Dockerfile dockerfile, string? target = null, IReadOnlyDictionary<string, string>? buildArgs = null, string? platform = null)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        var plan = StagePlan.Create(dockerfile, buildArgs ?? new Dictionary<string, string>(), target, platform is null ? Platform.LinuxAmd64 : Platform.Parse(platform));
        foreach (var stage in plan.Needed)
        {
            foreach (var instruction in stage.Instructions)
            {
                if (DaemonlessSupport.RequiresEngine(instruction) is { } reason)
                {
                    return new BuildRequiresDockerEngine(instruction.Line, instruction.Keyword, reason);
                }
            }
        }

        return null;
    }

    /// <summary>Builds the image. Progress lines also end up in <see cref="BuildResult.Diagnostics"/>.</summary>
    /// <exception cref="DockerfileException">The Dockerfile is malformed or an instruction fails (e.g. a COPY source is missing).</exception>
    public async Task<BuildOutcome> BuildAsync(BuildRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new ConcurrentQueue<string>();
        void Log(string line)
        {
            diagnostics.Enqueue(line);
            progress?.Report(line);
        }

        var contextDirectory = Path.GetFullPath(request.ContextDirectory);
        var dockerfilePath = request.DockerfilePath is null ? Path.Combine(contextDirectory, "Dockerfile") : Path.GetFullPath(request.DockerfilePath);
        var text = request.DockerfileContent ?? await File.ReadAllTextAsync(dockerfilePath, cancellationToken).ConfigureAwait(false);
        var dockerfile = Dockerfile.Parse(text);
        var platform = request.Platform is null ? Platform.LinuxAmd64 : Platform.Parse(request.Platform);
        var plan = StagePlan.Create(dockerfile, request.BuildArgs, request.Target, platform);
        if (CheckSupport(dockerfile, request.Target, request.BuildArgs, request.Platform) is { } unsupported)
        {
            Log(unsupported.Message);
            return unsupported;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(request.SourceDateEpoch);
        var created = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var session = new BuildSession(ClientFor, Store, _options.CacheDirectory, request, plan, contextDirectory, dockerfilePath, dockerfile.EscapeChar, platform, created, Log);
        StageState? final = null;
        var step = 0;
        try
        {
            foreach (var stage in plan.Needed)
            {
                final = await session.BuildStageAsync(stage, () => ++step, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (EngineRequiredException ex)
        {
            Log(ex.Outcome.Message);
            return ex.Outcome;
        }

        var unused = request.BuildArgs.Keys.Where(k => !session.ConsumedArgs.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
        {
            Log($"[warning] build-args not consumed: {string.Join(", ", unused)}");
        }

        // Compress every planned layer of the final image, several at once.
        var layers = final!.Layers;
        var written = new BuiltLayer[layers.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, layers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelLayers), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var layer = layers[i];
                if (layer.Built is not null)
                {
                    written[i] = layer.Built;
                    if (_options.DownloadBaseLayers && layer.Built is { LocalPath: null, SourceRegistry: { } registry, SourceRepository: { } repository })
                    {
                        var path = await ClientFor(registry).PullBlobAsync(repository, layer.Built.Descriptor, Store, ct).ConfigureAwait(false);
                        written[i] = layer.Built with { LocalPath = path };
                    }

                    return;
                }

                var result = await LayerWriter.WriteAsync(layer.Entries!, Store, time, _options.Compression, ct).ConfigureAwait(false);
                Log($"layer {i + 1}/{layers.Count}: {layer.CreatedBy} -> {result.Descriptor.Digest} ({result.EntryCount} entries, {result.UncompressedSize} bytes, {result.Descriptor.Size} compressed)");
                written[i] = new BuiltLayer { Descriptor = result.Descriptor, DiffId = result.DiffId, LocalPath = result.Path, CreatedBy = layer.CreatedBy };
            }).ConfigureAwait(false);

        var config = final.ToConfig(written.Select(w => w.DiffId).ToList(), created);
        var configBytes = OciJson.Serialize(config);
        var configDescriptor = await Store.AddBlobAsync(MediaTypes.OciConfig, configBytes, cancellationToken).ConfigureAwait(false);
        var manifest = ManifestContent.From(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = written.Select(w => w.Descriptor).ToList(),
        });
        var reference = "sha256-" + manifest.Digest.Hex;
        await Store.TagAsync(manifest, reference, cancellationToken).ConfigureAwait(false);
        Log($"image {manifest.Digest} ({platform}, {written.Length} layers)");
        return new BuildSucceeded(new BuildResult
        {
            Manifest = manifest,
            ConfigDescriptor = configDescriptor,
            Config = config,
            ConfigPath = Store.GetBlobPath(configDescriptor.Digest),
            Layers = written,
            OciLayoutPath = Store.Root,
            OciReference = reference,
            Platform = platform,
            Diagnostics = diagnostics.ToList(),
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _ownedClients.Values)
        {
            client.Dispose();
        }
    }

    private RegistryClient ClientFor(string registry) =>
        _options.RegistryClients?.Invoke(registry)
        ?? _ownedClients.GetOrAdd(registry, r => new RegistryClient(new RegistryClientOptions { Registry = r == ImageReference.DockerHub ? "registry-1.docker.io" : r }));
}
