using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>
/// COPY and ADD: resolves sources in the build context, an earlier stage or an image, applies <c>--chmod</c> and
/// <c>--chown</c>, and returns the entries of the new layer (parent directories included so that it unpacks on its own).
/// </summary>
/// <param name="sourceFiles">The file tree a COPY reads: the build context for null, else the stage or image named by <c>--from</c>.</param>
/// <param name="layers">The stage files (for <c>--chown</c> names and directory destinations).</param>
/// <param name="escape">The Dockerfile's escape character.</param>
internal sealed class CopyInstruction(
    Func<string?, DockerfileInstruction, CancellationToken, Task<FileView>> sourceFiles,
    BaseLayerReader layers,
    char escape)
{
    public async Task<IReadOnlyList<LayerEntry>> ApplyAsync(StageState state, DockerfileInstruction instruction, CancellationToken cancellationToken)
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

        var from = instruction.Flag("from") is { } fromText ? ShellWords.ExpandWord(fromText, state.Lookup, escape) : null;
        var view = await sourceFiles(from, instruction, cancellationToken).ConfigureAwait(false);

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
            || (!state.Files.ContainsKey(destinationPath) && await layers.IsBaseDirectoryAsync(state, destinationPath, cancellationToken).ConfigureAwait(false));
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
            view ??= await layers.ViewOfAsync(state, cancellationToken).ConfigureAwait(false);
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
}
