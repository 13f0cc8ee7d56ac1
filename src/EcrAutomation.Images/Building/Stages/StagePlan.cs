using System.Globalization;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>The stages of a Dockerfile and those the target needs.</summary>
internal sealed class StagePlan
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
            if (!DaemonlessSupport.SupportedKeywords.Contains(instruction.Keyword) && !DaemonlessSupport.EngineKeywords.Contains(instruction.Keyword))
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
}
