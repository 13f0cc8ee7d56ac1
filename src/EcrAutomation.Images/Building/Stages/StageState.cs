using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>The image being assembled by one stage: layers, config fields, history and a view of its files.</summary>
internal sealed class StageState
{
    /// <summary>The PATH a stage starts with when its base image sets none (Docker's default).</summary>
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

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
