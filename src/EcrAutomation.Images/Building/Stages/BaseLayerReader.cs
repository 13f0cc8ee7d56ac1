using System.Formats.Tar;
using System.IO.Compression;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>
/// The files of a stage as the base image layers and the stage's own COPYs make them: base layers are pulled into the
/// content store, indexed (tar headers only) and unpacked on first use, and cached per diff id.
/// </summary>
internal sealed class BaseLayerReader(Func<string, RegistryClient> clientFor, ContentStore store, string cacheDirectory, Action<string> log)
{
    private readonly Dictionary<Digest, ExtractedLayer> _extractedLayers = [];

    /// <summary>The merged file tree of a stage; base image layers are downloaded and unpacked on first use.</summary>
    public async Task<FileView> ViewOfAsync(StageState state, CancellationToken cancellationToken)
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
    public async Task<bool> IsBaseDirectoryAsync(StageState state, string path, CancellationToken cancellationToken)
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
        layer.LocalPath ?? await clientFor(layer.SourceRegistry!)
            .PullBlobAsync(layer.SourceRepository!, layer.Descriptor, store, cancellationToken).ConfigureAwait(false);

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
        var indexPath = Path.Combine(cacheDirectory, "index", layer.DiffId.Hex);
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
        var root = Path.Combine(cacheDirectory, "unpacked", layer.DiffId.Hex);
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
