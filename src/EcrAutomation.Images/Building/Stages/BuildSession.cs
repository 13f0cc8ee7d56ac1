using System.Globalization;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>
/// One build: runs the needed stages in order, hands each instruction to its type (<see cref="ArgInstruction"/>,
/// <see cref="ConfigInstructions"/>, <see cref="CopyInstruction"/>), and shares base image pulls, the build context and
/// unpacked layers between stages.
/// </summary>
internal sealed class BuildSession
{
    private readonly Dictionary<int, StageState> _stages = [];
    private readonly Dictionary<string, Task<PulledImage>> _images = new(StringComparer.Ordinal);
    private readonly Func<string, RegistryClient> _clientFor;
    private readonly BuildRequest _request;
    private readonly string _contextDirectory;
    private readonly string _dockerfilePath;
    private readonly char _escape;
    private readonly Platform _platform;
    private readonly string _created;
    private readonly Action<string> _log;
    private readonly BaseLayerReader _layers;
    private readonly CopyInstruction _copy;
    private readonly StagePlan _plan;
    private FileView? _context;

    public BuildSession(
        Func<string, RegistryClient> clientFor,
        ContentStore store,
        string cacheDirectory,
        BuildRequest request,
        StagePlan plan,
        string contextDirectory,
        string dockerfilePath,
        char escape,
        Platform platform,
        string created,
        Action<string> log)
    {
        _clientFor = clientFor;
        _request = request;
        _plan = plan;
        _contextDirectory = contextDirectory;
        _dockerfilePath = dockerfilePath;
        _escape = escape;
        _platform = platform;
        _created = created;
        _log = log;
        _layers = new BaseLayerReader(clientFor, store, cacheDirectory, log);
        _copy = new CopyInstruction(SourceFilesAsync, _layers, escape);
    }

    /// <summary>The build args some ARG declared (the others are reported as unused).</summary>
    public HashSet<string> ConsumedArgs { get; } = new(StringComparer.Ordinal);

    public async Task<StageState> BuildStageAsync(Stage stage, Func<int> nextStep, CancellationToken cancellationToken)
    {
        foreach (var name in _plan.ConsumedGlobal)
        {
            ConsumedArgs.Add(name);
        }

        var label = stage.Name ?? stage.Index.ToString(CultureInfo.InvariantCulture);
        _log($"#{nextStep()} [{label}] FROM {stage.BaseName}{(stage.Platform is null ? string.Empty : $" (platform {stage.Platform})")}");
        StageState state;
        if (_plan.Find(stage.BaseName) is { } baseStage && baseStage.Index < stage.Index)
        {
            state = _stages[baseStage.Index].Derive();
        }
        else if (string.Equals(stage.BaseName, "scratch", StringComparison.OrdinalIgnoreCase))
        {
            state = StageState.Scratch(stage.Platform ?? _platform);
        }
        else
        {
            state = StageState.FromImage(await PullAsync(stage.BaseName, stage.Platform ?? _platform, stage.From.Line, cancellationToken).ConfigureAwait(false));
        }

        foreach (var instruction in stage.Instructions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _log($"#{nextStep()} [{label}] {DaemonlessSupport.Shorten(instruction.Text)}");
            try
            {
                await ApplyAsync(state, instruction, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException ex)
            {
                throw new DockerfileException(ex.Message, instruction.Line);
            }
        }

        _stages[stage.Index] = state;
        return state;
    }

    private async Task ApplyAsync(StageState state, DockerfileInstruction instruction, CancellationToken cancellationToken)
    {
        var emptyLayer = true;
        switch (instruction.Keyword)
        {
            case "ARG":
                ArgInstruction.Apply(state, instruction, _plan, _request.BuildArgs, ConsumedArgs, _escape);
                return;
            case "COPY":
            case "ADD":
                var entries = await _copy.ApplyAsync(state, instruction, cancellationToken).ConfigureAwait(false);
                foreach (var entry in entries)
                {
                    state.Files[entry.Path] = entry;
                }

                state.Layers.Add(new StageLayer(null, entries, instruction.Text));
                emptyLayer = false;
                break;
            default:
                ConfigInstructions.Apply(state, instruction, _escape);
                break;
        }

        state.History.Add(new HistoryEntry { Created = _created, CreatedBy = instruction.Text, Comment = "ecr-automation daemonless", EmptyLayer = emptyLayer });
    }

    /// <summary>The files a COPY reads: the build context, an earlier stage, or an image named by <c>--from</c>.</summary>
    private async Task<FileView> SourceFilesAsync(string? from, DockerfileInstruction instruction, CancellationToken cancellationToken)
    {
        if (from is null)
        {
            return Context();
        }

        if (_plan.Find(from) is { } sourceStage)
        {
            if (!_stages.TryGetValue(sourceStage.Index, out var sourceState))
            {
                throw new DockerfileException($"{instruction.Keyword} --from={from} refers to a stage that is not built before this one", instruction.Line);
            }

            return await _layers.ViewOfAsync(sourceState, cancellationToken).ConfigureAwait(false);
        }

        var image = await PullAsync(from, _platform, instruction.Line, cancellationToken).ConfigureAwait(false);
        return await _layers.ViewOfAsync(StageState.FromImage(image), cancellationToken).ConfigureAwait(false);
    }

    private FileView Context()
    {
        if (_context is null)
        {
            var context = BuildContext.Scan(_contextDirectory, DockerIgnore.Load(_contextDirectory, _dockerfilePath));
            _context = new FileView(context.Entries.ToDictionary(
                e => e.RelativePath,
                e => new LayerEntry { Path = e.RelativePath, Kind = e.Kind, Mode = e.Mode, SourceFile = e.Kind == FileEntryKind.File ? e.FullPath : null, LinkTarget = e.LinkTarget },
                StringComparer.Ordinal));
        }

        return _context;
    }

    private Task<PulledImage> PullAsync(string imageName, Platform imagePlatform, int line, CancellationToken cancellationToken)
    {
        if (!ImageReference.TryParse(imageName, out var reference))
        {
            throw new DockerfileException($"invalid reference format: '{imageName}'", line);
        }

        var key = $"{reference}|{imagePlatform}";
        lock (_images)
        {
            if (!_images.TryGetValue(key, out var task))
            {
                _log($"pulling {reference} ({imagePlatform})");
                task = _clientFor(reference.Registry).PullImageAsync(reference.Repository, reference.Reference, imagePlatform, cancellationToken);
                _images[key] = task;
            }

            return task;
        }
    }
}
