using System.Collections.Concurrent;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>
/// Builds OCI images from a Dockerfile without a Docker engine: every COPY/ADD becomes one deterministic layer, metadata
/// instructions become config, base images are pulled (manifest and config only) through the <see cref="RegistryClient"/>.
/// Instructions that need to run code (<c>RUN</c>, ...) give a <see cref="BuildRequiresDockerEngine"/> outcome instead.
/// </summary>
public sealed partial class DaemonlessImageBuilder : IDisposable
{
    private static readonly IReadOnlyList<string> DefaultShell = ["/bin/sh", "-c"];
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly HashSet<string> SupportedKeywords = new(StringComparer.Ordinal)
    {
        "FROM", "ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE", "ENTRYPOINT", "CMD", "COPY", "ADD", "STOPSIGNAL", "VOLUME", "SHELL", "MAINTAINER",
    };
    private static readonly HashSet<string> EngineKeywords = new(StringComparer.Ordinal) { "RUN", "HEALTHCHECK", "ONBUILD" };
    private static readonly HashSet<string> SupportedCopyFlags = new(StringComparer.OrdinalIgnoreCase) { "from", "chown", "chmod", "link" };

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
                if (RequiresEngine(instruction) is { } reason)
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
        var session = new BuildSession(this, request, contextDirectory, dockerfilePath, dockerfile.EscapeChar, platform, created, Log);
        StageState? final = null;
        var step = 0;
        try
        {
            foreach (var stage in plan.Needed)
            {
                final = await session.BuildStageAsync(stage, plan, () => ++step, cancellationToken).ConfigureAwait(false);
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

    private static string? RequiresEngine(DockerfileInstruction instruction)
    {
        if (EngineKeywords.Contains(instruction.Keyword))
        {
            return $"Dockerfile line {instruction.Line}: '{Shorten(instruction.Text)}' needs a Docker engine: the daemonless builder only assembles images from FROM, COPY/ADD and metadata instructions and cannot run {instruction.Keyword}. Use the Docker engine builder (builder: docker) for this Dockerfile.";
        }

        if (instruction.Keyword is "COPY" or "ADD")
        {
            if (instruction.Flags.FirstOrDefault(f => !SupportedCopyFlags.Contains(f.Key)) is { Key: not null } flag)
            {
                return $"Dockerfile line {instruction.Line}: {instruction.Keyword} --{flag.Key} needs a Docker engine (the daemonless builder supports --from, --chown, --chmod and --link). Use the Docker engine builder (builder: docker).";
            }

            if (instruction.Keyword == "ADD" && (instruction.JsonArguments ?? instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(s => UrlPattern().IsMatch(s)))
            {
                return $"Dockerfile line {instruction.Line}: ADD of a URL or git repository needs a Docker engine (the daemonless builder never downloads at build time). Use COPY of a local file, or the Docker engine builder (builder: docker).";
            }

            if (instruction.Arguments.Contains("<<", StringComparison.Ordinal))
            {
                return $"Dockerfile line {instruction.Line}: here-documents need a Docker engine. Use the Docker engine builder (builder: docker).";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex("^(https?://|git@|git://)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    /// <summary>The stages of a Dockerfile and those the target needs.</summary>
    private sealed class StagePlan
    {
        public required IReadOnlyList<Stage> Stages { get; init; }
        public required IReadOnlyList<Stage> Needed { get; init; }
        public required Dictionary<string, string> GlobalArgs { get; init; }
        public required Dictionary<string, string> AutomaticArgs { get; init; }
        public required HashSet<string> ConsumedGlobal { get; init; }

        public Stage? Find(string nameOrIndex)
        {
            if (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index < Stages.Count ? Stages[index] : null;
            }

            return Stages.FirstOrDefault(s => string.Equals(s.Name, nameOrIndex, StringComparison.OrdinalIgnoreCase));
        }

        public static StagePlan Create(Dockerfile dockerfile, IReadOnlyDictionary<string, string> buildArgs, string? target, Platform platform)
        {
            var automatic = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["TARGETPLATFORM"] = platform.ToString(),
                ["TARGETOS"] = platform.Os,
                ["TARGETARCH"] = platform.Architecture,
                ["TARGETVARIANT"] = platform.Variant ?? string.Empty,
                // The build platform is reported as the target: nothing runs, and the host must not leak into the image.
                ["BUILDPLATFORM"] = platform.ToString(),
                ["BUILDOS"] = platform.Os,
                ["BUILDARCH"] = platform.Architecture,
                ["BUILDVARIANT"] = platform.Variant ?? string.Empty,
            };
            var global = new Dictionary<string, string>(StringComparer.Ordinal);
            var consumed = new HashSet<string>(StringComparer.Ordinal);
            var stages = new List<Stage>();
            Stage? current = null;
            foreach (var instruction in dockerfile.Instructions)
            {
                if (!SupportedKeywords.Contains(instruction.Keyword) && !EngineKeywords.Contains(instruction.Keyword))
                {
                    throw new DockerfileException($"unknown instruction: {instruction.Keyword}", instruction.Line);
                }

                if (instruction.Keyword == "FROM")
                {
                    var words = ShellWords.SplitRaw(instruction.Arguments, dockerfile.EscapeChar);
                    string? lookup(string n) => global.TryGetValue(n, out var v) ? v : automatic.GetValueOrDefault(n);
                    if (words.Count is not (1 or 3) || (words.Count == 3 && !string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new DockerfileException($"FROM requires either one or three arguments (FROM <image> [AS <name>]): {instruction.Text}", instruction.Line);
                    }

                    var image = ExpandOrThrow(words[0], lookup, dockerfile.EscapeChar, instruction);
                    var fromPlatform = instruction.Flag("platform") is { } p ? ExpandOrThrow(p, lookup, dockerfile.EscapeChar, instruction) : null;
                    foreach (var name in global.Keys.Concat(automatic.Keys))
                    {
                        if (instruction.Arguments.Contains(name, StringComparison.Ordinal) || (instruction.Flag("platform")?.Contains(name, StringComparison.Ordinal) ?? false))
                        {
                            consumed.Add(name);
                        }
                    }

                    current = new Stage
                    {
                        Index = stages.Count,
                        Name = words.Count == 3 ? words[2].ToLowerInvariant() : null,
                        BaseName = image,
                        Platform = string.IsNullOrEmpty(fromPlatform) ? null : Platform.Parse(fromPlatform),
                        From = instruction,
                    };
                    stages.Add(current);
                    continue;
                }

                if (current is null)
                {
                    if (instruction.Keyword != "ARG")
                    {
                        throw new DockerfileException($"no build stage in current context: {instruction.Keyword} before the first FROM", instruction.Line);
                    }

                    foreach (var token in ShellWords.SplitRaw(instruction.Arguments, dockerfile.EscapeChar))
                    {
                        var eq = token.IndexOf('=', StringComparison.Ordinal);
                        var name = eq < 0 ? token : token[..eq];
                        string? lookup(string n) => global.TryGetValue(n, out var v) ? v : automatic.GetValueOrDefault(n);
                        if (buildArgs.TryGetValue(name, out var provided))
                        {
                            global[name] = provided;
                        }
                        else if (eq >= 0)
                        {
                            global[name] = ExpandOrThrow(token[(eq + 1)..], lookup, dockerfile.EscapeChar, instruction);
                        }
                        else if (automatic.TryGetValue(name, out var auto))
                        {
                            global[name] = auto;
                        }
                    }

                    continue;
                }

                current.Instructions.Add(instruction);
            }

            if (stages.Count == 0)
            {
                throw new DockerfileException("the Dockerfile has no FROM instruction", dockerfile.Instructions.LastOrDefault()?.Line ?? 1);
            }

            var plan = new StagePlan { Stages = stages, Needed = [], GlobalArgs = global, AutomaticArgs = automatic, ConsumedGlobal = consumed };
            var targetStage = target is null ? stages[^1]
                : stages.FirstOrDefault(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase))
                  ?? throw new DockerfileException($"target stage '{target}' could not be found", 1);
            var needed = new SortedSet<int>();
            void Visit(Stage stage)
            {
                if (!needed.Add(stage.Index))
                {
                    return;
                }

                if (plan.Find(stage.BaseName) is { } baseStage && baseStage.Index < stage.Index)
                {
                    Visit(baseStage);
                }

                foreach (var instruction in stage.Instructions.Where(i => i.Keyword is "COPY" or "ADD"))
                {
                    if (instruction.Flag("from") is { } from && plan.Find(from) is { } source)
                    {
                        if (source.Index >= stage.Index)
                        {
                            throw new DockerfileException($"COPY --from={from} refers to a later or the same stage", instruction.Line);
                        }

                        Visit(source);
                    }
                }
            }

            Visit(targetStage);
            return new StagePlan
            {
                Stages = stages,
                Needed = needed.Select(i => stages[i]).ToList(),
                GlobalArgs = global,
                AutomaticArgs = automatic,
                ConsumedGlobal = consumed,
            };
        }
    }

    private static string ExpandOrThrow(string word, Func<string, string?> lookup, char escape, DockerfileInstruction instruction)
    {
        try
        {
            return ShellWords.ExpandWord(word, lookup, escape);
        }
        catch (FormatException ex)
        {
            throw new DockerfileException(ex.Message, instruction.Line);
        }
    }

    private sealed class Stage
    {
        public required int Index { get; init; }
        public required string? Name { get; init; }
        public required string BaseName { get; init; }
        public required Platform? Platform { get; init; }
        public required DockerfileInstruction From { get; init; }
        public List<DockerfileInstruction> Instructions { get; } = [];
    }

    /// <summary>A layer of a stage: inherited and already built, or planned (entries known, bytes not written yet).</summary>
    private sealed record StageLayer(BuiltLayer? Built, IReadOnlyList<LayerEntry>? Entries, string CreatedBy);
}
