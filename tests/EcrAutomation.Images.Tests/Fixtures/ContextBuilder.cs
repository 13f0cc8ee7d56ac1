using System.Formats.Tar;
using System.IO.Compression;
using EcrAutomation.Images.Building;

namespace EcrAutomation.Images.Tests.Fixtures;

internal sealed record TarListing(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, string UserName, string GroupName, DateTimeOffset ModificationTime, long Length, string? Content);

internal static class ContextBuilder
{
    /// <summary>Writes files (path → content) under a directory; a null content makes a directory.</summary>
    public static string Write(string root, IReadOnlyDictionary<string, string?> files)
    {
        Directory.CreateDirectory(root);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(root, path);
            if (content is null)
            {
                Directory.CreateDirectory(full);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return root;
    }

    public static void Touch(string root, DateTime time)
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(path, time);
        }
    }

    public static async Task<BuildResult> BuildAsync(string cacheDirectory, BuildRequest request, Func<string, EcrAutomation.Images.Registry.RegistryClient>? clients = null)
    {
        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = cacheDirectory, RegistryClients = clients });
        var outcome = await builder.BuildAsync(request);
        return outcome switch
        {
            BuildSucceeded success => success.Result,
            BuildRequiresDockerEngine engine => throw new InvalidOperationException(engine.Message),
            _ => throw new InvalidOperationException(outcome.ToString()),
        };
    }

    public static List<TarListing> ReadLayer(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var list = new List<TarListing>();
        while (reader.GetNextEntry() is { } entry)
        {
            string? content = null;
            var length = entry.Length;
            if (entry.DataStream is not null)
            {
                using var text = new StreamReader(entry.DataStream, leaveOpen: true);
                content = text.ReadToEnd();
            }

            var posix = (PosixTarEntry)entry;
            list.Add(new TarListing(entry.Name, entry.EntryType, entry.Mode, posix.Uid, posix.Gid, posix.UserName, posix.GroupName, entry.ModificationTime, length, content));
        }

        return list;
    }
}
