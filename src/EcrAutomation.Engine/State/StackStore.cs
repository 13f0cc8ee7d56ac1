using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's self-managed ("DIY") backend layout under one root: <c>.pulumi/stacks/&lt;project&gt;/&lt;stack&gt;.json</c>
/// (checkpoint), <c>.json.journal</c> (our append-only change log), <c>.pulumi/locks/...</c> and <c>.pulumi/history/...</c>.
/// </summary>
public sealed class StackStore
{
    public StackStore(string root, TimeProvider? timeProvider = null)
    {
        Root = Path.GetFullPath(root);
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder that holds <c>.pulumi</c> (the equivalent of <c>pulumi login file://&lt;root&gt;</c>).</summary>
    public string Root { get; }
    internal TimeProvider Time { get; }

    private string PulumiDir => Path.Combine(Root, ".pulumi");
    public string StackFile(string project, string stack) => Path.Combine(PulumiDir, "stacks", project, stack + ".json");
    internal string JournalFile(string project, string stack) => StackFile(project, stack) + ".journal";
    internal string LockDir(string project, string stack) => Path.Combine(PulumiDir, "locks", "organization", project, stack);
    internal string HistoryDir(string project, string stack) => Path.Combine(PulumiDir, "history", project, stack);

    public static string FullyQualified(string project, string stack) => $"organization/{project}/{stack}";

    public bool Exists(string project, string stack) =>
        File.Exists(StackFile(project, stack)) || File.Exists(StackFile(project, stack) + ".bak");

    public IReadOnlyList<string> List(string project)
    {
        var dir = Path.Combine(PulumiDir, "stacks", project);
        if (!Directory.Exists(dir)) return [];
        return [.. Directory.EnumerateFiles(dir, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates an empty stack (a checkpoint with no deployment).</summary>
    public void Create(string project, string stack)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StackFile(project, stack))!);
        var meta = Path.Combine(PulumiDir, "meta.yaml");
        if (!File.Exists(meta)) File.WriteAllText(meta, "version: 1\n");
        var json = Encoding.UTF8.GetBytes($"{{\"version\":3,\"checkpoint\":{{\"stack\":\"{FullyQualified(project, stack)}\"}}}}");
        WriteAtomically(StackFile(project, stack), s => s.Write(json));
    }

    internal string TagsFile(string project, string stack) => Path.Combine(PulumiDir, "stacks", project, stack + ".pulumi-tags");

    private const string AutonamingSeedTag = "ecr-automation:autonamingSeed";

    /// <summary>
    /// A random value kept with the stack (as a stack tag in Pulumi's <c>.pulumi-tags</c> file) that salts auto-names:
    /// preview and up of one stack agree on names, while two stacks, or two state roots, never pick the same ones.
    /// </summary>
    public string AutonamingSeed(string project, string stack)
    {
        var path = TagsFile(project, stack);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (doc.RootElement.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
                foreach (var p in t.EnumerateObject()) tags[p.Name] = p.Value.GetString() ?? "";
            if (tags.TryGetValue(AutonamingSeedTag, out var existing)) return existing;
        }
        tags[AutonamingSeedTag] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteAtomically(path, s => JsonSerializer.Serialize(s, new { version = 1, tags }));
        return tags[AutonamingSeedTag];
    }

    public void Remove(string project, string stack)
    {
        foreach (var f in new[] { StackFile(project, stack), StackFile(project, stack) + ".bak", JournalFile(project, stack), TagsFile(project, stack) })
            if (File.Exists(f)) File.Delete(f);
        if (Directory.Exists(HistoryDir(project, stack))) Directory.Delete(HistoryDir(project, stack), recursive: true);
    }

    /// <summary>
    /// Loads the checkpoint and replays the journal over it. A corrupt or truncated file is reported, never overwritten.
    /// </summary>
    public Snapshot Load(string project, string stack, Func<string?, ISecretsManager>? secrets, out string? secretsSalt)
    {
        var path = StackFile(project, stack);
        // A crash between moving the old checkpoint aside and moving the new one in leaves only the .bak (see WriteCheckpoint).
        if (!File.Exists(path) && File.Exists(path + ".bak")) path += ".bak";
        if (!File.Exists(path)) throw new StateException($"no stack named '{stack}' found");
        byte[] bytes = File.ReadAllBytes(path);
        var (snapshot, salt) = CheckpointSerializer.ReadCheckpoint(bytes, secrets);
        secretsSalt = salt;
        ISecretsManager? manager = null;
        Func<ISecretsManager>? lazy = secrets is null ? null : () => manager ??= secrets(salt);
        return StateJournal.Replay(snapshot, JournalFile(project, stack), lazy);
    }

    /// <summary>Writes a full checkpoint atomically (temp file, fsync, rename) and starts a fresh journal.</summary>
    public void WriteCheckpoint(string project, string stack, Snapshot snapshot, ISecretsManager? secretsManager, bool keepJournal = false)
    {
        var path = StackFile(project, stack);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteAtomically(path, s => CheckpointSerializer.WriteCheckpoint(s, FullyQualified(project, stack), snapshot, secretsManager, Time.GetUtcNow()));
        var journal = JournalFile(project, stack);
        if (!keepJournal && File.Exists(journal)) File.Delete(journal);
    }

    /// <summary>An operation that changed nothing leaves no journal behind.</summary>
    internal void DeleteEmptyJournal(string project, string stack)
    {
        var journal = new FileInfo(JournalFile(project, stack));
        if (journal.Exists && journal.Length == 0) journal.Delete();
    }

    internal StateJournal OpenJournal(string project, string stack, Func<ISecretsManager>? secrets) =>
        new(JournalFile(project, stack), secrets);

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(path)) File.Move(path, path + ".bak", overwrite: true);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Takes the stack's lock or throws <see cref="StackLockedException"/>; stale locks of dead local processes are removed.</summary>
    public StackLock AcquireLock(string project, string stack, Action<string>? warn = null)
    {
        var dir = LockDir(project, stack);
        Directory.CreateDirectory(dir);
        CheckOthers(dir, null, warn);
        var id = Guid.NewGuid().ToString();
        var path = Path.Combine(dir, id + ".json");
        var info = LockInfo.ForCurrentProcess(Time.GetUtcNow());
        File.WriteAllText(path, JsonSerializer.Serialize(info, LockInfo.JsonOptions));
        try { CheckOthers(dir, path, warn); }
        catch { File.Delete(path); throw; }
        return new StackLock(path);
    }

    /// <summary>Removes every lock of the stack (the <c>cancel</c> command).</summary>
    public int ClearLocks(string project, string stack)
    {
        var dir = LockDir(project, stack);
        if (!Directory.Exists(dir)) return 0;
        var files = Directory.GetFiles(dir, "*.json");
        foreach (var f in files) File.Delete(f);
        return files.Length;
    }

    private static void CheckOthers(string dir, string? mine, Action<string>? warn)
    {
        var holders = new List<(string Path, LockInfo Info)>();
        foreach (var f in Directory.GetFiles(dir, "*.json"))
        {
            if (f == mine) continue;
            LockInfo? info;
            try { info = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(f), LockInfo.JsonOptions); }
            catch (Exception e) when (e is IOException or JsonException) { info = null; }
            if (info is null) continue;
            if (info.IsStale())
            {
                try { File.Delete(f); } catch (IOException) { }
                warn?.Invoke($"removed a stale lock left by process {info.Pid} on {info.Hostname} (started {info.Timestamp:O}), which is no longer running");
                continue;
            }
            holders.Add((f, info));
        }
        if (holders.Count == 0) return;
        var lines = string.Join("\n", holders.Select(h => $"  {Path.GetFileName(h.Path)}: created by {h.Info.Username}@{h.Info.Hostname} (pid {h.Info.Pid}) at {h.Info.Timestamp:O}"));
        throw new StackLockedException(
            $"the stack is currently locked by {holders.Count} lock(s). Either wait for the other process(es) to end or delete the lock file with `ecr-automation cancel`.\n{lines}");
    }

    /// <summary>Appends one update record to the stack's history.</summary>
    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        var dir = HistoryDir(project, stack);
        Directory.CreateDirectory(dir);
        var nanos = (record.StartTime.ToUnixTimeMilliseconds() * 1_000_000) + System.Random.Shared.Next(1_000_000);
        File.WriteAllText(Path.Combine(dir, $"{stack}-{nanos}.history.json"), JsonSerializer.Serialize(record, UpdateRecord.JsonOptions));
    }

    /// <summary>The stack's updates, newest first.</summary>
    public IReadOnlyList<UpdateRecord> ReadHistory(string project, string stack)
    {
        var dir = HistoryDir(project, stack);
        if (!Directory.Exists(dir)) return [];
        return [.. Directory.GetFiles(dir, "*.history.json")
            .Select(f => JsonSerializer.Deserialize<UpdateRecord>(File.ReadAllText(f), UpdateRecord.JsonOptions)!)
            .OrderByDescending(r => r.StartTime)];
    }
}

/// <summary>A held stack lock; disposing releases it.</summary>
public sealed class StackLock(string path) : IDisposable
{
    public void Dispose()
    {
        try { File.Delete(path); } catch (IOException) { }
    }
}

/// <summary>The content of a lock file: Pulumi's fields plus the process start time to tell a reused pid apart.</summary>
internal sealed record LockInfo(int Pid, string Username, string Hostname, DateTimeOffset Timestamp, long? ProcessStartTicks)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static LockInfo ForCurrentProcess(DateTimeOffset now)
    {
        using var p = Process.GetCurrentProcess();
        return new LockInfo(Environment.ProcessId, Environment.UserName, Environment.MachineName, now, p.StartTime.ToUniversalTime().Ticks);
    }

    /// <summary>A lock is stale when it was taken on this host by a process that is no longer running.</summary>
    public bool IsStale()
    {
        if (!string.Equals(Hostname, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var p = Process.GetProcessById(Pid);
            if (p.HasExited) return true;
            // A reused pid belongs to a process started at another time. Start times read by different processes can
            // differ by clock rounding, so only a clear difference counts: a live lock must never be taken for stale.
            return ProcessStartTicks is { } ticks && Math.Abs(p.StartTime.ToUniversalTime().Ticks - ticks) > TimeSpan.TicksPerSecond * 2;
        }
        catch (ArgumentException) { return true; }
        catch (InvalidOperationException) { return true; }
    }
}

/// <summary>The stack is locked by another update.</summary>
public sealed class StackLockedException(string message) : Exception(message);

/// <summary>One entry of a stack's history, in the shape of Pulumi's <c>UpdateInfo</c>.</summary>
public sealed record UpdateRecord(
    string Kind,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset EndTime,
    string Result,
    IReadOnlyDictionary<string, int> ResourceChanges,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Config,
    string Version = CheckpointSerializer.EngineVersion)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
