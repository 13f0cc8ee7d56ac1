using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Images;

/// <summary>
/// The provider of <c>docker-build:index:Image</c>: builds a Dockerfile (daemonless by default, the Docker engine when the
/// Dockerfile needs RUN or <c>builder: docker</c>) and pushes it to ECR with credentials from GetAuthorizationToken.
/// </summary>
/// <remarks>
/// Change detection: <see cref="CheckAsync"/> adds <c>contextHash</c> (Dockerfile, args, target, platform and every file not
/// excluded by .dockerignore) and fills the default tag from it; <see cref="DiffAsync"/> compares inputs, so an unchanged
/// app is never rebuilt or pushed. <see cref="DeleteAsync"/> leaves the image in the registry on purpose: a replacement
/// that produces the same digest must never delete the live image, other stacks or task definitions may still pull it by
/// digest, and the repository's lifecycle policy expires what is no longer tagged.
/// </remarks>
internal sealed class ImageProvider : IResourceProvider
{
    /// <summary>Every Dockerfile instruction (the Docker engine's list); anything else is an error at check time.</summary>
    private static readonly HashSet<string> KnownInstructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",
        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    /// <summary>
    /// Stack config naming a Docker Hub mirror (a registry host or URL) that base images from Docker Hub are pulled from by
    /// the daemonless builder; the local cloud's run config sets it to the local cloud's own mirror.
    /// </summary>
    internal const string DockerHubMirrorKey = "docker-build:dockerHubMirror";

    private readonly ImageProviderOptions _options;
    private readonly EcrCredentials _credentials;
    private int _builds;
    private int _previewBuilds;
    private int _pushes;
    private long _bytesUploaded;

    /// <summary>Creates the provider.</summary>
    public ImageProvider(ImageProviderOptions? options = null)
    {
        _options = options ?? new ImageProviderOptions();
        _credentials = new EcrCredentials(_options.TimeProvider);
    }

    /// <summary>How many images this provider has built (either builder).</summary>
    public int Builds => _builds;

    /// <summary>How many images this provider has built at preview (daemonless, never pushed).</summary>
    public int PreviewBuilds => _previewBuilds;

    /// <summary>How many images this provider has pushed.</summary>
    public int Pushes => _pushes;

    /// <summary>Blob bytes this provider has uploaded to registries (daemonless pushes).</summary>
    public long BytesUploaded => Interlocked.Read(ref _bytesUploaded);

    internal EcrCredentials Credentials => _credentials;

    /// <inheritdoc />
    public async Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var parsed = ImageInputs.From(inputs);
        var failures = new List<CheckFailure>();
        if (parsed.Builder is not ("auto" or "daemonless" or "docker"))
        {
            failures.Add(new CheckFailure("builder", $"'{parsed.Builder}' is not a builder; use auto, daemonless or docker"));
        }

        var unknownHash = inputs.Set("contextHash", PropertyValue.Unknown);
        if (parsed.ContextLocation is null || ImageInputs.IsUnknown(inputs, "dockerfile"))
        {
            // The folder is not known yet (preview): nothing can be checked or hashed.
            return new CheckResponse(unknownHash, failures);
        }

        var context = _options.Resolve(parsed.ContextLocation);
        var dockerfile = DockerfilePath(parsed);
        if (!Directory.Exists(context))
        {
            failures.Add(new CheckFailure("context", $"the build context '{context}' does not exist"));
            return new CheckResponse(inputs, failures);
        }

        if (!File.Exists(dockerfile))
        {
            failures.Add(new CheckFailure("dockerfile", $"the Dockerfile '{dockerfile}' does not exist"));
            return new CheckResponse(inputs, failures);
        }

        // Parse now so Dockerfile errors surface at preview (even a first preview with unknown build args), not only at up.
        Dockerfile parsedDockerfile;
        try
        {
            parsedDockerfile = Dockerfile.Parse(await File.ReadAllTextAsync(dockerfile, cancellationToken).ConfigureAwait(false));
            if (parsedDockerfile.Instructions.FirstOrDefault(i => !KnownInstructions.Contains(i.Keyword)) is { } unknown)
            {
                throw new DockerfileException($"unknown instruction: {unknown.Keyword}", unknown.Line);
            }
        }
        catch (DockerfileException e)
        {
            failures.Add(new CheckFailure("dockerfile", $"{dockerfile}: {e.Message}"));
            return new CheckResponse(inputs, failures);
        }

        if (!parsed.CanHash(inputs)) return new CheckResponse(unknownHash, failures);

        try
        {
            Platform.Parse(parsed.Platform);
        }
        catch (FormatException e)
        {
            failures.Add(new CheckFailure("platforms", e.Message));
            return new CheckResponse(inputs, failures);
        }

        try
        {
            var needsEngine = DaemonlessImageBuilder.CheckSupport(parsedDockerfile, parsed.Target, parsed.BuildArgs, parsed.Platform);
            if (needsEngine is not null && parsed.Builder == "daemonless")
            {
                failures.Add(new CheckFailure("dockerfile", $"{dockerfile}: {needsEngine.Message} (builder is 'daemonless')"));
            }
        }
        catch (DockerfileException e)
        {
            failures.Add(new CheckFailure("dockerfile", $"{dockerfile}: {e.Message}"));
        }

        if (failures.Count > 0) return new CheckResponse(inputs, failures);

        var hash = await BuildContextHash.ComputeAsync(context, dockerfile, parsed.BuildArgs, parsed.Target, parsed.Platform, cancellationToken).ConfigureAwait(false);
        inputs = inputs.Set("contextHash", PropertyValue.Of(hash.ToString()));
        if (inputs.TryGetValue("tags", out var tags) && tags.Kind == PropertyKind.List)
        {
            inputs = inputs.Set("tags", PropertyValue.Of(tags.AsList.Select(t => WithDefaultTag(t, hash))));
        }

        return new CheckResponse(inputs, failures);
    }

    /// <inheritdoc />
    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        // Everything is an update: a rebuild and push with nothing deleted (the id is the first digest, see CreateAsync).
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, [], request.IgnoreChanges));

    /// <inheritdoc />
    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var (digest, outputs) = await BuildAndPushAsync(request, request.Inputs, cancellationToken).ConfigureAwait(false);
        return new CreateResponse(digest, outputs);
    }

    /// <inheritdoc />
    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var (_, outputs) = await BuildAndPushAsync(request, request.NewInputs, cancellationToken).ConfigureAwait(false);
        return new UpdateResponse(outputs);
    }

    /// <inheritdoc />
    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var state = request.State ?? request.Inputs ?? PropertyMap.Empty;
        var parsed = ImageInputs.From(state);
        var digestText = state.GetString("digest") ?? request.Id;
        var tag = parsed.Tags.FirstOrDefault();
        if (!parsed.Push || tag is null || !Digest.TryParse(digestText, out var digest)) return new ReadResponse(request.Id, state, request.Inputs);

        var reference = ImageReference.Parse(tag);
        using var client = await RegistryClientAsync(request, parsed, reference.Registry, cancellationToken).ConfigureAwait(false);
        var found = await client.HeadManifestAsync(reference.Repository, digest.ToString(), cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            request.Log.Warning($"{reference.Registry}/{reference.Repository}@{digest} is no longer in the registry; the next up rebuilds and pushes it");
            return null;
        }

        return new ReadResponse(request.Id, state, request.Inputs);
    }

    /// <inheritdoc />
    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var digest = request.Outputs.GetString("digest");
        if (digest is not null)
        {
            request.Log.Info($"left {digest} in the registry: a replacement may use the same digest, and the repository's lifecycle policy expires untagged images");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<PropertyMap> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken = default)
    {
        // Only called when the image would be built. Nothing is ever pushed here.
        var parsed = ImageInputs.From(request.Inputs);
        var unknown = request.Inputs.Set("digest", PropertyValue.Unknown).Set("ref", PropertyValue.Unknown);
        if (!parsed.CanHash(request.Inputs)) return unknown;
        if (await NeedsEngineAsync(parsed, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            var engine = new DockerEngineBuilder(_options.EffectiveDockerHost, _options.DockerPingTimeout);
            if (await engine.ProbeAsync(cancellationToken).ConfigureAwait(false) is { } problem)
            {
                throw new ResourceProviderException(NoEngineMessage(reason, problem));
            }

            return unknown;
        }

        if (!_options.BuildOnPreview) return unknown;

        // A daemonless build is cheap and reproducible: build now (without pushing) so the preview shows the exact digest
        // the up will push, and downstream resources (task definitions) preview their exact change too.
        var first = parsed.Tags.FirstOrDefault();
        var registry = first is null ? null : ImageReference.Parse(first).Registry;
        string digest;
        try
        {
            digest = await BuildDaemonlessAsync(request, parsed, registry, [], preview: true, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerfileException e)
        {
            throw new ResourceProviderException(e.Message, e);
        }
        catch (Exception e) when (e is RegistryException or HttpRequestException or AwsException)
        {
            // Normal on a first preview: a base image this program publishes is not in the registry yet. The up reports real failures.
            request.Log.Info($"not built at preview, so the digest is unknown until up ({e.Message})");
            return unknown;
        }

        return request.Inputs.Set("digest", PropertyValue.Of(digest))
            .Set("ref", first is null ? PropertyValue.Unknown : PropertyValue.Of($"{first}@{digest}"));
    }

    /// <inheritdoc />
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        // Only content-derived tags identify this exact build; an explicit tag ("latest") might point at anything.
        var parsed = ImageInputs.From(request.Inputs);
        var tag = parsed.Tags.FirstOrDefault();
        if (!parsed.Push || tag is null || parsed.ContextHash is null || !Digest.TryParse(parsed.ContextHash, out var hash)) return null;
        var reference = ImageReference.Parse(tag);
        if (reference.Tag != DefaultTag(hash)) return null;
        using var client = await RegistryClientAsync(request, parsed, reference.Registry, cancellationToken).ConfigureAwait(false);
        var found = await client.HeadManifestAsync(reference.Repository, reference.Tag, cancellationToken).ConfigureAwait(false);
        if (found is null) return null;
        var digest = found.Digest.ToString();
        return new ReadResponse(digest, Outputs(request.Inputs, parsed, digest));
    }

    private async Task<(string Digest, PropertyMap Outputs)> BuildAndPushAsync(ProviderRequest request, PropertyMap inputs, CancellationToken cancellationToken)
    {
        var parsed = ImageInputs.From(inputs);
        var tags = parsed.Tags.OfType<string>().ToList();
        if (tags.Count == 0) throw new ResourceProviderException("the image has no tags to push; set the repository URL");
        var references = tags.Select(ImageReference.Parse).ToList();
        var registry = references[0].Registry;
        if (references.Any(r => !string.Equals(r.Registry, registry, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ResourceProviderException("all tags of one image must be on the same registry");
        }

        var context = _options.Resolve(parsed.ContextLocation ?? ".");
        var dockerfile = DockerfilePath(parsed);
        var buildArgs = parsed.BuildArgs ?? new Dictionary<string, string>();
        var engineReason = await NeedsEngineAsync(parsed, cancellationToken).ConfigureAwait(false);
        string digest;
        if (engineReason is null)
        {
            digest = await BuildDaemonlessAsync(request, parsed, registry, parsed.Push ? references : [], preview: false, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var engine = new DockerEngineBuilder(_options.EffectiveDockerHost, _options.DockerPingTimeout);
            if (await engine.ProbeAsync(cancellationToken).ConfigureAwait(false) is { } problem)
            {
                throw new ResourceProviderException(NoEngineMessage(engineReason, problem));
            }

            var credentials = await CredentialsAsync(request, parsed, registry, cancellationToken).ConfigureAwait(false);
            request.Log.Info($"building with the Docker engine at {engine.Host} ({engineReason})");
            Interlocked.Increment(ref _builds);
            digest = await engine.BuildAndPushAsync(
                new EngineBuildRequest(context, dockerfile, buildArgs, parsed.Target, parsed.Platform, parsed.CacheFrom, tags, registry, credentials, parsed.Push),
                request.Log,
                cancellationToken).ConfigureAwait(false);
            if (parsed.Push) Interlocked.Increment(ref _pushes);
        }

        if (parsed.Push) request.Log.Info($"pushed {tags[0]}@{digest}");
        return (digest, Outputs(inputs, parsed, digest));
    }

    private async Task<string> BuildDaemonlessAsync(
        ProviderRequest request, ImageInputs parsed, string? registry, IReadOnlyList<ImageReference> pushTo, bool preview, CancellationToken cancellationToken)
    {
        using var client = registry is null ? null : await RegistryClientAsync(request, parsed, registry, cancellationToken).ConfigureAwait(false);
        var others = new System.Collections.Concurrent.ConcurrentDictionary<string, RegistryClient>(StringComparer.OrdinalIgnoreCase);
        // Base images on the target registry are pulled with the same ECR credentials; others anonymously, Docker Hub's
        // from the stack's mirror when it names one (the local cloud's, offline), as Docker's registry-mirrors do.
        var dockerHub = request.Config.TryGetValue(DockerHubMirrorKey, out var mirror) && !string.IsNullOrWhiteSpace(mirror) ? mirror : "registry-1.docker.io";
        RegistryClient ClientFor(string host) => client is not null && string.Equals(host, registry, StringComparison.OrdinalIgnoreCase)
            ? client
            : others.GetOrAdd(host, h => new RegistryClient(h == ImageReference.DockerHub ? RegistryClientOptions.ForEndpoint(dockerHub) : new RegistryClientOptions { Registry = h }));
        try
        {
            return await BuildAndPushDaemonlessAsync(request, parsed, pushTo, client, ClientFor, preview, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var other in others.Values) other.Dispose();
        }
    }

    private async Task<string> BuildAndPushDaemonlessAsync(
        ProviderRequest request, ImageInputs parsed, IReadOnlyList<ImageReference> pushTo, RegistryClient? client, Func<string, RegistryClient> clientFor,
        bool preview, CancellationToken cancellationToken)
    {
        var context = _options.Resolve(parsed.ContextLocation ?? ".");
        var dockerfile = DockerfilePath(parsed);
        var buildArgs = parsed.BuildArgs ?? new Dictionary<string, string>();
        // At preview the build log would only repeat at up; keep it out of the display.
        var progress = new SyncProgress<string>(preview ? _ => { } : request.Log.Info);
        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions
        {
            CacheDirectory = _options.EffectiveCacheDirectory,
            RegistryClients = clientFor,
        });
        Interlocked.Increment(ref preview ? ref _previewBuilds : ref _builds);
        var outcome = await builder.BuildAsync(
            new BuildRequest { ContextDirectory = context, DockerfilePath = dockerfile, BuildArgs = buildArgs, Target = parsed.Target, Platform = parsed.Platform },
            progress,
            cancellationToken).ConfigureAwait(false);
        if (outcome is BuildRequiresDockerEngine engine)
        {
            throw new ResourceProviderException(engine.Message);
        }

        var result = ((BuildSucceeded)outcome).Result;
        BuiltImages.Of(request.Scope).Record(result.Digest, result.Config);
        if (client is null || pushTo.Count == 0) return result.Digest.ToString();
        foreach (var reference in pushTo)
        {
            var push = result.ToPushRequest(reference.Repository, reference.Tag, clientFor)
                with { Progress = progress };
            var pushed = await client.PushImageAsync(push, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytesUploaded, pushed.BytesUploaded);
            Interlocked.Increment(ref _pushes);
            request.Log.Info($"{reference}: {pushed.BytesUploaded} bytes uploaded, {pushed.BytesSkipped} bytes already in the registry");
        }

        return result.Digest.ToString();
    }

    /// <summary>Null when the daemonless builder can build this image; otherwise why the Docker engine is needed.</summary>
    private async Task<string?> NeedsEngineAsync(ImageInputs parsed, CancellationToken cancellationToken)
    {
        if (parsed.Builder == "docker") return "builder: docker";
        if (parsed.Builder == "daemonless") return null;
        var dockerfile = DockerfilePath(parsed);
        if (!File.Exists(dockerfile)) return null;
        var parsedDockerfile = Dockerfile.Parse(await File.ReadAllTextAsync(dockerfile, cancellationToken).ConfigureAwait(false));
        return DaemonlessImageBuilder.CheckSupport(parsedDockerfile, parsed.Target, parsed.BuildArgs, parsed.Platform)?.Message;
    }

    private static string NoEngineMessage(string reason, string problem) =>
        $"{reason}\nNo Docker engine is available: {problem}. Start one and point DOCKER_HOST at it (for example " +
        "DOCKER_HOST=unix:///var/run/docker.sock), or make the Dockerfile daemonless: build the artifact beforehand and COPY it " +
        "into the image instead of using RUN.";

    private async Task<RegistryClient> RegistryClientAsync(ProviderRequest request, ImageInputs parsed, string registry, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync(request, parsed, registry, cancellationToken).ConfigureAwait(false);
        return new RegistryClient(new RegistryClientOptions { Registry = registry, Credentials = credentials });
    }

    private Task<RegistryCredentials> CredentialsAsync(ProviderRequest request, ImageInputs parsed, string registry, CancellationToken cancellationToken)
    {
        var login = parsed.Registries.FirstOrDefault(r => string.Equals(r.Address, registry, StringComparison.OrdinalIgnoreCase))
            ?? new RegistryLogin(registry, "AWS", null);
        AwsConnection connection = AwsConnections.For(request);
        return _credentials.GetAsync(connection, login, cancellationToken);
    }

    private string DockerfilePath(ImageInputs parsed) =>
        parsed.DockerfileLocation is { } location
            ? _options.Resolve(location)
            : Path.Combine(_options.Resolve(parsed.ContextLocation ?? "."), "Dockerfile");

    private static PropertyMap Outputs(PropertyMap inputs, ImageInputs parsed, string digest)
    {
        var first = parsed.Tags.OfType<string>().FirstOrDefault();
        return inputs
            .Set("digest", PropertyValue.Of(digest))
            .Set("ref", PropertyValue.Of(parsed.Push && first is not null ? $"{first}@{digest}" : first ?? digest));
    }

    /// <summary>The default tag: the first 12 hex digits of the content hash.</summary>
    internal static string DefaultTag(Digest contextHash) => contextHash.Hex[..12];

    private static PropertyValue WithDefaultTag(PropertyValue tag, Digest contextHash)
    {
        if (tag.Kind != PropertyKind.String) return tag;
        var text = tag.AsString;
        var slash = text.LastIndexOf('/');
        var colon = text.LastIndexOf(':');
        return colon > slash && slash >= 0 ? tag : PropertyValue.Of($"{text}:{DefaultTag(contextHash)}");
    }
}
