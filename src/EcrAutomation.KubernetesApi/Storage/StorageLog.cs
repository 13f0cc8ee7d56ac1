using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>
/// The durable form of one cluster's objects: <c>snapshot.json</c> (all objects at one resourceVersion, replaced
/// atomically) plus <c>changes.log</c>, one JSON line per committed change after it. Appends happen under the store's lock;
/// <see cref="FlushToDisk"/> (fsync) runs outside it, so concurrent writers share one fsync (group commit). A torn last
/// line (a crash mid-append, never acknowledged) is cut off on open; damage anywhere else stops the open loudly.
/// </summary>
internal sealed class StorageLog : IDisposable
{
    private const string SnapshotFile = "snapshot.json";
    private const string LogFile = "changes.log";
    private readonly string _directory;
    private readonly SafeFileHandle _log;
    private long _length;

    private StorageLog(string directory, SafeFileHandle log, long length)
    {
        _directory = directory;
        _log = log;
        _length = length;
    }

    public long Length => _length;

    /// <summary>Opens (creating if needed) the storage in <paramref name="directory"/> and replays it into <paramref name="apply"/>.</summary>
    /// <returns>The log and the resourceVersion of the last durable change.</returns>
    public static (StorageLog Log, long ResourceVersion) Open(string directory, Action<GroupVersionResource, JsonObject?, string, string> apply)
    {
        Directory.CreateDirectory(directory);
        long resourceVersion = 0;
        var snapshotPath = Path.Combine(directory, SnapshotFile);
        if (File.Exists(snapshotPath))
        {
            var snapshot = JsonNode.Parse(File.ReadAllBytes(snapshotPath))?.AsObject()
                ?? throw new InvalidDataException($"{snapshotPath} is empty");
            resourceVersion = snapshot["resourceVersion"]!.GetValue<long>();
            foreach (var entry in snapshot["objects"]!.AsArray())
            {
                var obj = entry!["object"]!.AsObject();
                apply(GroupVersionResource.Parse(entry["resource"]!.GetValue<string>()), obj, obj.Namespace(), obj.Name());
            }
        }

        var logPath = Path.Combine(directory, LogFile);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The Kubernetes object store in {directory} is in use by another process ({e.Message}).", e);
        }

        var bytes = new byte[RandomAccess.GetLength(handle)];
        RandomAccess.Read(handle, bytes, 0);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', offset);
            JsonObject? record = null;
            if (end >= 0)
            {
                try
                {
                    record = JsonNode.Parse(bytes.AsSpan(offset, end - offset))?.AsObject();
                }
                catch (JsonException) when (end == bytes.Length - 1)
                {
                    // A torn final record: handled below like a missing newline.
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"{logPath} is damaged at byte {offset} (not a torn final write): {e.Message}", e);
                }
            }

            if (record is null)
            {
                break;
            }

            var version = record["rv"]!.GetValue<long>();
            if (version > resourceVersion)
            {
                resourceVersion = version;
                var obj = record["object"]!.AsObject();
                var deleted = record["op"]!.GetValue<string>() == "delete";
                apply(GroupVersionResource.Parse(record["resource"]!.GetValue<string>()), deleted ? null : obj, obj.Namespace(), obj.Name());
            }

            offset = end + 1;
        }

        if (offset < bytes.Length)
        {
            RandomAccess.SetLength(handle, offset);
            RandomAccess.FlushToDisk(handle);
        }

        return (new StorageLog(directory, handle, offset), resourceVersion);
    }

    /// <summary>Writes one change record (not yet durable: call <see cref="FlushToDisk"/>). Caller holds the store lock.</summary>
    public void Append(long resourceVersion, GroupVersionResource resource, JsonObject obj, bool deleted)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("rv", resourceVersion);
            writer.WriteString("op", deleted ? "delete" : "put");
            writer.WriteString("resource", resource.ToString());
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        RandomAccess.Write(_log, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), _length);
        _length += buffer.Length;
    }

    /// <summary>Makes every appended record durable (fsync).</summary>
    public void FlushToDisk() => RandomAccess.FlushToDisk(_log);

    /// <summary>
    /// Replaces the snapshot with <paramref name="objects"/> at <paramref name="resourceVersion"/> (write, fsync, rename)
    /// and empties the log. Caller holds the store lock so no append interleaves.
    /// </summary>
    public void Compact(long resourceVersion, IEnumerable<(GroupVersionResource Resource, JsonObject Object)> objects)
    {
        var snapshotPath = Path.Combine(_directory, SnapshotFile);
        var temporaryPath = snapshotPath + ".tmp";
        using (var file = new FileStream(temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteNumber("resourceVersion", resourceVersion);
                writer.WriteStartArray("objects");
                foreach (var (resource, obj) in objects)
                {
                    writer.WriteStartObject();
                    writer.WriteString("resource", resource.ToString());
                    writer.WritePropertyName("object");
                    obj.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporaryPath, snapshotPath, overwrite: true);
        FlushDirectory();
        RandomAccess.SetLength(_log, 0);
        RandomAccess.FlushToDisk(_log);
        _length = 0;
    }

    public void Dispose() => _log.Dispose();

    private void FlushDirectory()
    {
        // The rename is durable once the directory entry is; not every platform lets a directory be opened for that.
        try
        {
            using var directory = File.OpenHandle(_directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(directory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
        }
    }
}
