using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

public sealed partial class DaemonlessImageBuilder
{
    /// <summary>The image being assembled by one stage: layers, config fields, history and a view of its files.</summary>
    private sealed class StageState
    {
        public List<StageLayer> Layers { get; private init; } = [];
        public ImageConfig? BaseConfig { get; private init; }
        public required string Architecture { get; init; }
        public required string Os { get; init; }
        public string? Variant { get; init; }
        public List<string> Env { get; private init; } = [];
        public SortedDictionary<string, string> Labels { get; private init; } = new(StringComparer.Ordinal);
        public string? WorkingDir { get; set; }
        public string? User { get; set; }
        public SortedDictionary<string, EmptyObject> ExposedPorts { get; private init; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, EmptyObject> Volumes { get; private init; } = new(StringComparer.Ordinal);
        public IReadOnlyList<string>? Entrypoint { get; set; }
        public IReadOnlyList<string>? Cmd { get; set; }
        public string? StopSignal { get; set; }
        public IReadOnlyList<string>? Shell { get; set; }
        public string? Author { get; set; }
        public List<HistoryEntry> History { get; private init; } = [];
        public Dictionary<string, LayerEntry> Files { get; private init; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Args { get; } = new(StringComparer.Ordinal);
        public bool CmdSetInStage { get; set; }

        public static StageState Scratch(Platform platform) => new()
        {
            Architecture = platform.Architecture,
            Os = platform.Os,
            Variant = platform.Variant,
            Env = [DefaultPath],
        };

        public static StageState FromImage(PulledImage image)
        {
            var config = image.Config;
            var container = config.Config;
            var diffIds = config.RootFs.DiffIds;
            if (diffIds.Count != image.Manifest.Layers.Count)
            {
                throw new InvalidOperationException($"{image.Registry}/{image.Repository}: the config lists {diffIds.Count} diff ids for {image.Manifest.Layers.Count} layers.");
            }

            var state = new StageState
            {
                BaseConfig = config,
                Architecture = config.Architecture,
                Os = config.Os,
                Variant = config.Variant,
                Env = container?.Env?.ToList() ?? [DefaultPath],
                Labels = new SortedDictionary<string, string>(container?.Labels?.ToDictionary() ?? [], StringComparer.Ordinal),
                ExposedPorts = new SortedDictionary<string, EmptyObject>(container?.ExposedPorts?.ToDictionary() ?? [], StringComparer.Ordinal),
                Volumes = new SortedDictionary<string, EmptyObject>(container?.Volumes?.ToDictionary() ?? [], StringComparer.Ordinal),
                History = PadHistory(config.History, image.Manifest.Layers.Count, config.Created),
                Layers = image.Manifest.Layers.Select((layer, i) => new StageLayer(
                    new BuiltLayer
                    {
                        Descriptor = layer with { MediaType = MediaTypes.ToOciLayer(layer.MediaType) },
                        DiffId = diffIds[i],
                        SourceRegistry = image.Registry,
                        SourceRepository = image.Repository,
                        CreatedBy = "base image",
                    },
                    null,
                    "base image")).ToList(),
            };
            state.WorkingDir = string.IsNullOrEmpty(container?.WorkingDir) ? null : container.WorkingDir;
            state.User = string.IsNullOrEmpty(container?.User) ? null : container.User;
            state.Entrypoint = container?.Entrypoint;
            state.Cmd = container?.Cmd;
            state.StopSignal = container?.StopSignal;
            state.Shell = container?.Shell;
            state.Author = config.Author;
            return state;
        }

        /// <summary>
        /// Runtimes check that non-empty history entries match the layers one to one; a base image without (enough)
        /// history gets placeholder entries so that appending ours keeps the two aligned.
        /// </summary>
        private static List<HistoryEntry> PadHistory(IReadOnlyList<HistoryEntry>? history, int layerCount, string? created)
        {
            var list = history?.ToList() ?? [];
            var missing = layerCount - list.Count(h => !h.EmptyLayer);
            for (var i = 0; i < missing; i++)
            {
                list.Add(new HistoryEntry { Created = created, CreatedBy = "base image layer (no history)" });
            }

            return list;
        }

        public StageState Derive() => new()
        {
            BaseConfig = BaseConfig,
            Architecture = Architecture,
            Os = Os,
            Variant = Variant,
            Layers = [.. Layers],
            Env = [.. Env],
            Labels = new SortedDictionary<string, string>(Labels, StringComparer.Ordinal),
            ExposedPorts = new SortedDictionary<string, EmptyObject>(ExposedPorts, StringComparer.Ordinal),
            Volumes = new SortedDictionary<string, EmptyObject>(Volumes, StringComparer.Ordinal),
            History = [.. History],
            Files = new Dictionary<string, LayerEntry>(Files, StringComparer.Ordinal),
            WorkingDir = WorkingDir,
            User = User,
            Entrypoint = Entrypoint,
            Cmd = Cmd,
            StopSignal = StopSignal,
            Shell = Shell,
            Author = Author,
        };

        public string? Lookup(string name)
        {
            for (var i = Env.Count - 1; i >= 0; i--)
            {
                if (Env[i].Length > name.Length && Env[i][name.Length] == '=' && Env[i].StartsWith(name, StringComparison.Ordinal))
                {
                    return Env[i][(name.Length + 1)..];
                }
            }

            return Args.GetValueOrDefault(name);
        }

        public void SetEnv(string name, string value)
        {
            var index = Env.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal));
            if (index >= 0)
            {
                Env[index] = $"{name}={value}";
            }
            else
            {
                Env.Add($"{name}={value}");
            }
        }

        public ImageConfig ToConfig(IReadOnlyList<Digest> diffIds, string created)
        {
            var baseContainer = BaseConfig?.Config;
            return new ImageConfig
            {
                Created = created,
                Author = Author,
                Architecture = Architecture,
                Os = Os,
                Variant = Variant,
                Config = new ContainerConfig
                {
                    User = User,
                    ExposedPorts = ExposedPorts.Count > 0 ? ExposedPorts : null,
                    Env = Env.Count > 0 ? Env : null,
                    Entrypoint = Entrypoint,
                    Cmd = Cmd,
                    Volumes = Volumes.Count > 0 ? Volumes : null,
                    WorkingDir = WorkingDir,
                    Labels = Labels.Count > 0 ? Labels : null,
                    StopSignal = StopSignal,
                    Shell = Shell,
                    Extra = baseContainer?.Extra,
                },
                RootFs = new RootFs { DiffIds = diffIds },
                History = History,
                Extra = BaseConfig?.Extra,
            };
        }
    }

    /// <summary>A sorted, prefix-searchable view of a file tree (a build context or a stage's file system).</summary>
    private sealed class FileView
    {
        private readonly string[] _keys;
        private readonly Dictionary<string, LayerEntry> _entries;

        public FileView(Dictionary<string, LayerEntry> entries)
        {
            _entries = entries;
            _keys = entries.Keys.Order(StringComparer.Ordinal).ToArray();
        }

        public IReadOnlyList<string> Keys => _keys;

        public LayerEntry? Find(string path) => _entries.GetValueOrDefault(path);

        public bool IsDirectory(string path) =>
            path.Length == 0 || Find(path)?.Kind == FileEntryKind.Directory || (Find(path) is null && Below(path).Any());

        public IEnumerable<LayerEntry> Below(string directory)
        {
            if (directory.Length == 0)
            {
                foreach (var key in _keys)
                {
                    yield return _entries[key];
                }

                yield break;
            }

            var prefix = directory + "/";
            var start = Array.BinarySearch(_keys, prefix, StringComparer.Ordinal);
            for (var i = start < 0 ? ~start : start; i < _keys.Length && _keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                yield return _entries[_keys[i]];
            }
        }
    }

    private sealed record ExtractedLayer(IReadOnlyList<LayerEntry> Entries, IReadOnlyList<string> Whiteouts, IReadOnlyList<string> OpaqueDirectories);

    private sealed class EngineRequiredException(BuildRequiresDockerEngine outcome) : Exception(outcome.Message)
    {
        public BuildRequiresDockerEngine Outcome { get; } = outcome;
    }

    private sealed class BuildSession(
        DaemonlessImageBuilder builder,
        BuildRequest request,
        string contextDirectory,
        string dockerfilePath,
        char escape,
        Platform platform,
        string created,
        Action<string> log)
    {
        private readonly Dictionary<int, StageState> _stages = [];
        private readonly Dictionary<string, Task<PulledImage>> _images = new(StringComparer.Ordinal);
        private readonly Dictionary<Digest, ExtractedLayer> _extractedLayers = [];
        private FileView? _context;

        public HashSet<string> ConsumedArgs { get; } = new(StringComparer.Ordinal);

        public async Task<StageState> BuildStageAsync(Stage stage, StagePlan plan, Func<int> nextStep, CancellationToken cancellationToken)
        {
            foreach (var name in plan.ConsumedGlobal)
            {
                ConsumedArgs.Add(name);
            }

            var label = stage.Name ?? stage.Index.ToString(CultureInfo.InvariantCulture);
            log($"#{nextStep()} [{label}] FROM {stage.BaseName}{(stage.Platform is null ? string.Empty : $" (platform {stage.Platform})")}");
            StageState state;
            if (plan.Find(stage.BaseName) is { } baseStage && baseStage.Index < stage.Index)
            {
                state = _stages[baseStage.Index].Derive();
            }
            else if (string.Equals(stage.BaseName, "scratch", StringComparison.OrdinalIgnoreCase))
            {
                state = StageState.Scratch(stage.Platform ?? platform);
            }
            else
            {
                state = StageState.FromImage(await PullAsync(stage.BaseName, stage.Platform ?? platform, stage.From.Line, cancellationToken).ConfigureAwait(false));
            }

            foreach (var instruction in stage.Instructions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log($"#{nextStep()} [{label}] {Shorten(instruction.Text)}");
                try
                {
                    await ApplyAsync(state, instruction, plan, cancellationToken).ConfigureAwait(false);
                }
                catch (FormatException ex)
                {
                    throw new DockerfileException(ex.Message, instruction.Line);
                }
            }

            _stages[stage.Index] = state;
            return state;
        }

        private async Task ApplyAsync(StageState state, DockerfileInstruction instruction, StagePlan plan, CancellationToken cancellationToken)
        {
            var args = instruction.Arguments;
            var emptyLayer = true;
            switch (instruction.Keyword)
            {
                case "ARG":
                    foreach (var token in ShellWords.SplitRaw(args, escape))
                    {
                        var eq = token.IndexOf('=', StringComparison.Ordinal);
                        var name = eq < 0 ? token : token[..eq];
                        ConsumedArgs.Add(name);
                        if (request.BuildArgs.TryGetValue(name, out var provided))
                        {
                            state.Args[name] = provided;
                        }
                        else if (eq >= 0)
                        {
                            state.Args[name] = ShellWords.ExpandWord(token[(eq + 1)..], state.Lookup, escape);
                        }
                        else if (plan.GlobalArgs.TryGetValue(name, out var global) || plan.AutomaticArgs.TryGetValue(name, out global))
                        {
                            state.Args[name] = global;
                        }
                    }

                    return;
                case "ENV":
                    foreach (var (name, value) in KeyValues(args, state, instruction))
                    {
                        state.SetEnv(name, value);
                    }

                    break;
                case "LABEL":
                    foreach (var (name, value) in KeyValues(args, state, instruction))
                    {
                        state.Labels[name] = value;
                    }

                    break;
                case "MAINTAINER":
                    state.Author = args;
                    break;
                case "WORKDIR":
                    var workdir = ShellWords.ExpandWord(args, state.Lookup, escape);
                    state.WorkingDir = "/" + DockerIgnore.CleanPath(workdir.StartsWith('/') ? workdir : (state.WorkingDir ?? "/") + "/" + workdir);
                    break;
                case "USER":
                    state.User = ShellWords.ExpandWord(args, state.Lookup, escape);
                    break;
                case "EXPOSE":
                    foreach (var port in ShellWords.ExpandWords(args, state.Lookup, escape))
                    {
                        foreach (var expanded in ExpandPorts(port, instruction))
                        {
                            state.ExposedPorts[expanded] = EmptyObject.Instance;
                        }
                    }

                    break;
                case "VOLUME":
                    foreach (var volume in instruction.JsonArguments?.Select(v => ShellWords.ExpandWord(v, state.Lookup, escape)) ?? ShellWords.ExpandWords(args, state.Lookup, escape))
                    {
                        state.Volumes[volume] = EmptyObject.Instance;
                    }

                    break;
                case "STOPSIGNAL":
                    state.StopSignal = ShellWords.ExpandWord(args, state.Lookup, escape);
                    break;
                case "SHELL":
                    state.Shell = instruction.JsonArguments is { Count: > 0 } shell
                        ? shell
                        : throw new DockerfileException("SHELL requires the arguments to be in JSON form", instruction.Line);
                    break;
                case "ENTRYPOINT":
                    state.Entrypoint = CommandOf(instruction, state);
                    if (!state.CmdSetInStage)
                    {
                        // Docker: an ENTRYPOINT resets a CMD inherited from the base image.
                        state.Cmd = null;
                    }

                    break;
                case "CMD":
                    state.Cmd = CommandOf(instruction, state);
                    state.CmdSetInStage = true;
                    break;
                case "COPY":
                case "ADD":
                    var entries = await CopyAsync(state, instruction, plan, cancellationToken).ConfigureAwait(false);
                    foreach (var entry in entries)
                    {
                        state.Files[entry.Path] = entry;
                    }

                    state.Layers.Add(new StageLayer(null, entries, instruction.Text));
                    emptyLayer = false;
                    break;
                default:
                    throw new DockerfileException($"unknown instruction: {instruction.Keyword}", instruction.Line);
            }

            state.History.Add(new HistoryEntry { Created = created, CreatedBy = instruction.Text, Comment = "ecr-automation daemonless", EmptyLayer = emptyLayer });
        }

        private IEnumerable<(string Name, string Value)> KeyValues(string args, StageState state, DockerfileInstruction instruction)
        {
            var tokens = ShellWords.SplitRaw(args, escape);
            if (tokens.Count == 0)
            {
                throw new DockerfileException($"{instruction.Keyword} requires at least one argument", instruction.Line);
            }

            if (!tokens[0].Contains('=', StringComparison.Ordinal))
            {
                // Legacy "ENV name value with spaces" form.
                var name = tokens[0];
                var rest = args[(args.IndexOf(name, StringComparison.Ordinal) + name.Length)..].Trim();
                return [(name, ShellWords.ExpandWord(rest, state.Lookup, escape))];
            }

            return tokens.Select(token =>
            {
                var eq = token.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new DockerfileException($"{instruction.Keyword} names can not be blank and need name=value pairs: {token}", instruction.Line);
                }

                return (ShellWords.ExpandWord(token[..eq], state.Lookup, escape), ShellWords.ExpandWord(token[(eq + 1)..], state.Lookup, escape));
            }).ToList();
        }

        private static IReadOnlyList<string> CommandOf(DockerfileInstruction instruction, StageState state) =>
            instruction.JsonArguments ?? [.. state.Shell ?? DefaultShell, instruction.Arguments];

        private static IEnumerable<string> ExpandPorts(string port, DockerfileInstruction instruction)
        {
            var slash = port.IndexOf('/', StringComparison.Ordinal);
            var protocol = slash < 0 ? "tcp" : port[(slash + 1)..].ToLowerInvariant();
            var number = slash < 0 ? port : port[..slash];
            var dash = number.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var single) && single is > 0 and < 65536
                    ? [$"{single}/{protocol}"]
                    : throw new DockerfileException($"invalid containerPort: {port}", instruction.Line);
            }

            if (int.TryParse(number[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(number[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from <= to && to < 65536)
            {
                return Enumerable.Range(from, to - from + 1).Select(p => $"{p}/{protocol}");
            }

            throw new DockerfileException($"invalid port range: {port}", instruction.Line);
        }

        private async Task<IReadOnlyList<LayerEntry>> CopyAsync(StageState state, DockerfileInstruction instruction, StagePlan plan, CancellationToken cancellationToken)
        {
            var words = instruction.JsonArguments?.Select(w => ShellWords.ExpandWord(w.Replace("\\", "\\\\", StringComparison.Ordinal), state.Lookup, escape)).ToList()
                ?? ShellWords.ExpandWords(instruction.Arguments, state.Lookup, escape).ToList();
            if (words.Count < 2)
            {
                throw new DockerfileException($"{instruction.Keyword} requires at least two arguments, but got {words.Count}", instruction.Line);
            }

            var sources = words[..^1];
            var destination = words[^1];
            var chmod = instruction.Flag("chmod") is { } chmodText ? ParseMode(ShellWords.ExpandWord(chmodText, state.Lookup, escape), instruction) : (UnixFileMode?)null;
            (int Uid, int Gid)? owner = instruction.Flag("chown") is { } chownText
                ? await ParseOwnerAsync(ShellWords.ExpandWord(chownText, state.Lookup, escape), state, instruction, cancellationToken).ConfigureAwait(false)
                : null;

            FileView view;
            var from = instruction.Flag("from") is { } fromText ? ShellWords.ExpandWord(fromText, state.Lookup, escape) : null;
            if (from is null)
            {
                view = Context();
            }
            else if (plan.Find(from) is { } sourceStage)
            {
                if (!_stages.TryGetValue(sourceStage.Index, out var sourceState))
                {
                    throw new DockerfileException($"{instruction.Keyword} --from={from} refers to a stage that is not built before this one", instruction.Line);
                }

                view = await ViewOfAsync(sourceState, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var image = await PullAsync(from, platform, instruction.Line, cancellationToken).ConfigureAwait(false);
                view = await ViewOfAsync(StageState.FromImage(image), cancellationToken).ConfigureAwait(false);
            }

            var matches = new List<string>();
            foreach (var source in sources)
            {
                var clean = DockerIgnore.CleanPath(source);
                if (clean.IndexOfAny(['*', '?', '[']) >= 0)
                {
                    var regex = new Regex("^" + DockerIgnore.ToRegex(clean, allowDoubleStar: false) + "$", RegexOptions.CultureInvariant);
                    var found = view.Keys.Where(k => regex.IsMatch(k)).ToList();
                    if (found.Count == 0)
                    {
                        throw new DockerfileException($"{instruction.Keyword} failed: no source files were specified matching '{source}'{(from is null ? " (excluded by .dockerignore or not in the build context)" : $" in '{from}'")}", instruction.Line);
                    }

                    matches.AddRange(found);
                }
                else if (view.Find(clean) is not null || view.IsDirectory(clean))
                {
                    matches.Add(clean);
                }
                else
                {
                    throw new DockerfileException(
                        $"{instruction.Keyword} failed: file not found in {(from is null ? "build context or excluded by .dockerignore" : $"'{from}'")}: stat {source}: file does not exist",
                        instruction.Line);
                }
            }

            var workdir = state.WorkingDir ?? "/";
            var destinationPath = DockerIgnore.CleanPath(destination.StartsWith('/') ? destination : workdir + "/" + destination);
            var destinationIsDirectory = destination.EndsWith('/') || destination is "." || matches.Count > 1
                || matches.Any(view.IsDirectory) || state.Files.GetValueOrDefault(destinationPath)?.Kind == FileEntryKind.Directory
                || (!state.Files.ContainsKey(destinationPath) && await IsBaseDirectoryAsync(state, destinationPath, cancellationToken).ConfigureAwait(false));
            if (matches.Count > 1 && !destination.EndsWith('/'))
            {
                throw new DockerfileException($"When using {instruction.Keyword} with more than one source file, the destination must be a directory and end with a /", instruction.Line);
            }

            var layer = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
            LayerEntry Adopt(LayerEntry source, string path) => source with
            {
                Path = path,
                Mode = chmod ?? source.Mode,
                Uid = owner?.Uid ?? 0,
                Gid = owner?.Gid ?? 0,
            };

            foreach (var match in matches)
            {
                if (view.IsDirectory(match))
                {
                    var prefixLength = match.Length == 0 ? 0 : match.Length + 1;
                    foreach (var entry in view.Below(match))
                    {
                        var path = Join(destinationPath, entry.Path[prefixLength..]);
                        layer[path] = Adopt(entry, path);
                    }

                    if (destinationPath.Length > 0 && !layer.ContainsKey(destinationPath))
                    {
                        layer[destinationPath] = new LayerEntry
                        {
                            Path = destinationPath,
                            Kind = FileEntryKind.Directory,
                            Mode = chmod ?? state.Files.GetValueOrDefault(destinationPath)?.Mode ?? (UnixFileMode)0b111_101_101,
                            Uid = owner?.Uid ?? 0,
                            Gid = owner?.Gid ?? 0,
                        };
                    }

                    continue;
                }

                var file = view.Find(match)!;
                if (instruction.Keyword == "ADD" && file.Kind == FileEntryKind.File && IsArchive(file))
                {
                    throw new EngineRequiredException(new BuildRequiresDockerEngine(
                        instruction.Line,
                        instruction.Keyword,
                        $"Dockerfile line {instruction.Line}: ADD of the archive '{match}' (auto-extraction) needs a Docker engine. Use COPY to copy it unextracted, or the Docker engine builder (builder: docker)."));
                }

                var target = destinationIsDirectory ? Join(destinationPath, match[(match.LastIndexOf('/') + 1)..]) : destinationPath;
                if (target.Length == 0)
                {
                    throw new DockerfileException($"{instruction.Keyword} cannot replace the root directory with a file", instruction.Line);
                }

                layer[target] = Adopt(file, target);
            }

            // Parent directories are part of the layer so that it unpacks on its own; existing ones keep their metadata.
            foreach (var path in layer.Keys.ToList())
            {
                var parent = BuildContext.ParentOf(path);
                while (parent.Length > 0 && !layer.ContainsKey(parent))
                {
                    layer[parent] = state.Files.GetValueOrDefault(parent) ?? new LayerEntry
                    {
                        Path = parent,
                        Kind = FileEntryKind.Directory,
                        Mode = (UnixFileMode)0b111_101_101,
                        Uid = parent == destinationPath ? owner?.Uid ?? 0 : 0,
                        Gid = parent == destinationPath ? owner?.Gid ?? 0 : 0,
                    };
                    parent = BuildContext.ParentOf(parent);
                }
            }

            return layer.Values.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        }

        private static bool IsArchive(LayerEntry file)
        {
            var name = file.Path.ToLowerInvariant();
            if (!(name.EndsWith(".tar", StringComparison.Ordinal) || name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal)
                || name.EndsWith(".tar.bz2", StringComparison.Ordinal) || name.EndsWith(".tar.xz", StringComparison.Ordinal) || name.EndsWith(".txz", StringComparison.Ordinal)))
            {
                return false;
            }

            Span<byte> header = stackalloc byte[262];
            using var stream = File.OpenRead(file.SourceFile!);
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return (read >= 2 && header[0] == 0x1f && header[1] == 0x8b)
                || (read >= 3 && header[0] == 'B' && header[1] == 'Z' && header[2] == 'h')
                || (read >= 6 && header[0] == 0xFD && header[1] == '7' && header[2] == 'z')
                || (read >= 262 && header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r');
        }

        private static string Join(string directory, string relative) =>
            directory.Length == 0 ? relative : relative.Length == 0 ? directory : directory + "/" + relative;

        private static UnixFileMode ParseMode(string text, DockerfileInstruction instruction)
        {
            try
            {
                var value = Convert.ToInt32(text, 8);
                return value is >= 0 and <= 0xFFF ? (UnixFileMode)value : throw new FormatException();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                throw new DockerfileException($"invalid --chmod value '{text}': expected an octal mode such as 755", instruction.Line);
            }
        }

        private async Task<(int Uid, int Gid)> ParseOwnerAsync(string text, StageState state, DockerfileInstruction instruction, CancellationToken cancellationToken)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? text : text[..colon];
            var group = colon < 0 ? null : text[(colon + 1)..];
            FileView? view = null;
            async Task<string[]?> ReadAsync(string path)
            {
                view ??= await ViewOfAsync(state, cancellationToken).ConfigureAwait(false);
                return view.Find(path)?.SourceFile is { } file ? await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false) : null;
            }

            int uid;
            int? primaryGid = null;
            if (int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
            {
                primaryGid = uid;
            }
            else
            {
                var entry = (await ReadAsync("etc/passwd").ConfigureAwait(false) ?? []).Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 3 && f[0] == user);
                if (entry is null)
                {
                    throw new DockerfileException($"unable to convert uid/gid chown string to host mapping: can't find uid for user {user}: no such user (use numeric ids with the daemonless builder, or add /etc/passwd to the image)", instruction.Line);
                }

                uid = int.Parse(entry[2], CultureInfo.InvariantCulture);
                primaryGid = int.Parse(entry[3], CultureInfo.InvariantCulture);
            }

            if (group is null)
            {
                return (uid, primaryGid ?? uid);
            }

            if (int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return (uid, gid);
            }

            var groupEntry = (await ReadAsync("etc/group").ConfigureAwait(false) ?? []).Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[0] == group);
            return groupEntry is null
                ? throw new DockerfileException($"unable to convert uid/gid chown string to host mapping: can't find gid for group {group}: no such group", instruction.Line)
                : (uid, int.Parse(groupEntry[2], CultureInfo.InvariantCulture));
        }

        private FileView Context()
        {
            if (_context is null)
            {
                var context = BuildContext.Scan(contextDirectory, DockerIgnore.Load(contextDirectory, dockerfilePath));
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
                    log($"pulling {reference} ({imagePlatform})");
                    task = builder.ClientFor(reference.Registry).PullImageAsync(reference.Repository, reference.Reference, imagePlatform, cancellationToken);
                    _images[key] = task;
                }

                return task;
            }
        }

        /// <summary>The merged file tree of a stage; base image layers are downloaded and unpacked on first use.</summary>
        private async Task<FileView> ViewOfAsync(StageState state, CancellationToken cancellationToken)
        {
            var merged = new Dictionary<string, LayerEntry>(StringComparer.Ordinal);
            foreach (var layer in state.Layers.Where(l => l.Built?.SourceRegistry is not null))
            {
                var extracted = await ExtractAsync(layer.Built!, cancellationToken).ConfigureAwait(false);
                foreach (var removed in extracted.OpaqueDirectories)
                {
                    foreach (var key in merged.Keys.Where(k => k.StartsWith(removed + "/", StringComparison.Ordinal)).ToList())
                    {
                        merged.Remove(key);
                    }
                }

                foreach (var removed in extracted.Whiteouts)
                {
                    merged.Remove(removed);
                    foreach (var key in merged.Keys.Where(k => k.StartsWith(removed + "/", StringComparison.Ordinal)).ToList())
                    {
                        merged.Remove(key);
                    }
                }

                foreach (var entry in extracted.Entries)
                {
                    merged[entry.Path] = entry;
                }
            }

            foreach (var (path, entry) in state.Files)
            {
                merged[path] = entry;
            }

            return new FileView(merged);
        }

        /// <summary>
        /// Whether a path is a directory in the stage's base image layers. Reads only tar headers, and caches a per-layer
        /// index, because Docker copies <c>COPY file /existing-dir</c> into that directory.
        /// </summary>
        private async Task<bool> IsBaseDirectoryAsync(StageState state, string path, CancellationToken cancellationToken)
        {
            if (path.Length == 0)
            {
                return true;
            }

            bool? isDirectory = null;
            foreach (var layer in state.Layers.Where(l => l.Built?.SourceRegistry is not null))
            {
                var index = await IndexAsync(layer.Built!, cancellationToken).ConfigureAwait(false);
                // Whiteouts hide lower layers only, so they apply before this layer's own entries.
                if (index.Any(i => (i.Kind == 'o' && path.StartsWith(i.Path + "/", StringComparison.Ordinal))
                    || (i.Kind == 'w' && (i.Path == path || path.StartsWith(i.Path + "/", StringComparison.Ordinal)))))
                {
                    isDirectory = null;
                }

                foreach (var (kind, entryPath) in index)
                {
                    if (kind is 'd' or 'f' && entryPath == path)
                    {
                        isDirectory = kind == 'd';
                    }
                }
            }

            return isDirectory == true;
        }

        /// <summary>The layer's blob on disk: the file the build wrote, or the base layer pulled into the content store.</summary>
        private async Task<string> LayerBlobAsync(BuiltLayer layer, CancellationToken cancellationToken) =>
            layer.LocalPath ?? await builder.ClientFor(layer.SourceRegistry!)
                .PullBlobAsync(layer.SourceRepository!, layer.Descriptor, builder.Store, cancellationToken).ConfigureAwait(false);

        /// <summary>A tar reader over a layer file, gzip-compressed (detected by its magic bytes) or not.</summary>
        private static async Task<TarReader> OpenLayerTarAsync(FileStream file, CancellationToken cancellationToken)
        {
            var magic = new byte[2];
            var isGzip = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            return new TarReader(isGzip ? new GZipStream(file, CompressionMode.Decompress) : file);
        }

        private async Task<IReadOnlyList<(char Kind, string Path)>> IndexAsync(BuiltLayer layer, CancellationToken cancellationToken)
        {
            var indexPath = Path.Combine(builder._options.CacheDirectory, "index", layer.DiffId.Hex);
            if (File.Exists(indexPath))
            {
                return (await File.ReadAllLinesAsync(indexPath, cancellationToken).ConfigureAwait(false))
                    .Where(l => l.Length >= 2).Select(l => (l[0], l[2..])).ToList();
            }

            var blob = await LayerBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            var index = new List<(char, string)>();
            await using (var file = File.OpenRead(blob))
            {
                await using var reader = await OpenLayerTarAsync(file, cancellationToken).ConfigureAwait(false);
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    var entryPath = DockerIgnore.CleanPath(entry.Name);
                    var name = entryPath[(entryPath.LastIndexOf('/') + 1)..];
                    var parent = BuildContext.ParentOf(entryPath);
                    index.Add(name == ".wh..wh..opq" ? ('o', parent)
                        : name.StartsWith(".wh.", StringComparison.Ordinal) ? ('w', parent.Length == 0 ? name[4..] : parent + "/" + name[4..])
                        : (entry.EntryType == TarEntryType.Directory ? 'd' : 'f', entryPath));
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
            await File.WriteAllLinesAsync(indexPath, index.Select(i => $"{i.Item1}\t{i.Item2}"), cancellationToken).ConfigureAwait(false);
            return index;
        }

        private async Task<ExtractedLayer> ExtractAsync(BuiltLayer layer, CancellationToken cancellationToken)
        {
            if (_extractedLayers.TryGetValue(layer.DiffId, out var cached))
            {
                return cached;
            }

            var blob = await LayerBlobAsync(layer, cancellationToken).ConfigureAwait(false);
            var root = Path.Combine(builder._options.CacheDirectory, "unpacked", layer.DiffId.Hex);
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            Directory.CreateDirectory(root);
            log($"unpacking base layer {layer.Descriptor.Digest}");
            var entries = new List<LayerEntry>();
            var whiteouts = new List<string>();
            var opaque = new List<string>();
            await using (var file = File.OpenRead(blob))
            {
                await using var reader = await OpenLayerTarAsync(file, cancellationToken).ConfigureAwait(false);
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    var path = DockerIgnore.CleanPath(entry.Name);
                    if (path.Length == 0)
                    {
                        continue;
                    }

                    var name = path[(path.LastIndexOf('/') + 1)..];
                    var parent = BuildContext.ParentOf(path);
                    if (name == ".wh..wh..opq")
                    {
                        opaque.Add(parent);
                        continue;
                    }

                    if (name.StartsWith(".wh.", StringComparison.Ordinal))
                    {
                        whiteouts.Add(parent.Length == 0 ? name[4..] : parent + "/" + name[4..]);
                        continue;
                    }

                    var target = Path.Combine(root, path);
                    var mode = entry.Mode;
                    var uid = entry is PosixTarEntry posix ? posix.Uid : 0;
                    var gid = entry is PosixTarEntry posixGroup ? posixGroup.Gid : 0;
                    switch (entry.EntryType)
                    {
                        case TarEntryType.Directory:
                            entries.Add(new LayerEntry { Path = path, Kind = FileEntryKind.Directory, Mode = mode, Uid = uid, Gid = gid });
                            break;
                        case TarEntryType.SymbolicLink:
                            entries.Add(new LayerEntry { Path = path, Kind = FileEntryKind.Symlink, Mode = mode, Uid = uid, Gid = gid, LinkTarget = entry.LinkName });
                            break;
                        case TarEntryType.HardLink:
                            var linked = Path.Combine(root, DockerIgnore.CleanPath(entry.LinkName));
                            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                            if (File.Exists(linked))
                            {
                                File.Copy(linked, target, overwrite: true);
                                entries.Add(new LayerEntry { Path = path, Kind = FileEntryKind.File, Mode = mode, Uid = uid, Gid = gid, SourceFile = target });
                            }

                            break;
                        case TarEntryType.RegularFile:
                        case TarEntryType.V7RegularFile:
                        case TarEntryType.ContiguousFile:
                            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                            await using (var output = File.Create(target))
                            {
                                if (entry.DataStream is not null)
                                {
                                    await entry.DataStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                                }
                            }

                            entries.Add(new LayerEntry { Path = path, Kind = FileEntryKind.File, Mode = mode, Uid = uid, Gid = gid, SourceFile = target });
                            break;
                    }
                }
            }

            var result = new ExtractedLayer(entries, whiteouts, opaque);
            _extractedLayers[layer.DiffId] = result;
            return result;
        }
    }
}
