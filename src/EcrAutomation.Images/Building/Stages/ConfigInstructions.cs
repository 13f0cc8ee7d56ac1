using System.Globalization;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>The instructions that only change the image config (ENV, LABEL, WORKDIR, USER, EXPOSE, VOLUME, ENTRYPOINT, CMD, ...).</summary>
internal static class ConfigInstructions
{
    private static readonly IReadOnlyList<string> DefaultShell = ["/bin/sh", "-c"];

    /// <summary>Applies the instruction to the stage's config.</summary>
    /// <exception cref="DockerfileException">The arguments are malformed.</exception>
    public static void Apply(StageState state, DockerfileInstruction instruction, char escape)
    {
        var args = instruction.Arguments;
        switch (instruction.Keyword)
        {
            case "ENV":
                foreach (var (name, value) in KeyValues(args, state, instruction, escape))
                {
                    state.SetEnv(name, value);
                }

                break;
            case "LABEL":
                foreach (var (name, value) in KeyValues(args, state, instruction, escape))
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
            default:
                throw new DockerfileException($"unknown instruction: {instruction.Keyword}", instruction.Line);
        }
    }

    private static IEnumerable<(string Name, string Value)> KeyValues(string args, StageState state, DockerfileInstruction instruction, char escape)
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
}
