using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's self-managed ("DIY") backend layout under one root: <c>.pulumi/stacks/&lt;project&gt;/&lt;stack&gt;.json</c>
/// (checkpoint), <c>.json.journal</c> (our append-only change log), <c>.pulumi/locks/...</c> and <c>.pulumi/history/...</c>.
/// </summary>
internal sealed class StackStore
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
    private string StacksDir(string project) => Inside(Path.Combine(PulumiDir, "stacks"), Name("project", project));
    public string StackFile(string project, string stack) => Inside(StacksDir(project), Name("stack", stack) + ".json");
    private static string BackupOf(string checkpoint) => checkpoint + ".bak";
    internal string JournalFile(string project, string stack) => StackFile(project, stack) + ".journal";
    internal string LockDir(string project, string stack) =>
        Inside(Path.Combine(PulumiDir, "locks", "organization"), Name("project", project), Name("stack", stack));
    internal string HistoryDir(string project, string stack) => Inside(Path.Combine(PulumiDir, "history"), Name("project", project), Name("stack", stack));
    internal string TagsFile(string project, string stack) => Inside(StacksDir(project), Name("stack", stack) + ".pulumi-tags");

    /// <summary>Called after each file operation of a checkpoint write (tests use it to inspect every intermediate layout).</summary>
    internal Action? AfterFileOperation { get; set; }

    public static string FullyQualified(string project, string stack) => $"organization/{project}/{stack}";

    /// <summary>
    /// Why <paramref name="name"/> is not a valid stack or project name, or null when it is. Pulumi's rule (1-100 of
    /// <c>[A-Za-z0-9_.-]</c>) without <c>.</c> and <c>..</c>, which name folders: a valid name is a single path segment.
    /// </summary>
    public static string? InvalidNameReason(string kind, string name)
    {
        if (name.Length is 0 or > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            return $"'{name}' is not a valid {kind} name: use 1-100 characters of letters, digits, '-', '_' and '.'";
        return name is "." or ".." ? $"'{name}' is not a valid {kind} name: '.' and '..' name folders" : null;
    }

    private static string Name(string kind, string name) =>
        InvalidNameReason(kind, name) is { } reason ? throw new ArgumentException(reason, nameof(name)) : name;

    /// <summary>Joins <paramref name="parts"/> to <paramref name="folder"/>, proving the result stays inside it.</summary>
    private static string Inside(string folder, params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([folder, .. parts]));
        if (!path.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{Path.Combine(parts)}' leads outside '{folder}'");
        return path;
    }

    /// <summary>A stack exists when its checkpoint or, after an interrupted save of an older version, only its backup does.</summary>
    public bool Exists(string project, string stack) =>
        File.Exists(StackFile(project, stack)) || File.Exists(BackupOf(StackFile(project, stack)));

    /// <summary>The stack has only a backup of its checkpoint; <see cref="Recover"/> restores it.</summary>
    public bool HasOnlyBackup(string project, string stack) =>
        !File.Exists(StackFile(project, stack)) && File.Exists(BackupOf(StackFile(project, stack)));

    /// <summary>Every stack that <see cref="Exists"/>, including those with only a backup.</summary>
    public IReadOnlyList<string> List(string project)
    {
        var dir = StacksDir(project);
        if (!Directory.Exists(dir)) return [];
        return [.. Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName).OfType<string>()
            .Select(f => f.EndsWith(".json", StringComparison.Ordinal) ? f[..^".json".Length]
                : f.EndsWith(".json.bak", StringComparison.Ordinal) ? f[..^".json.bak".Length] : null)
            .OfType<string>().Where(s => InvalidNameReason("stack", s) is null)
            .Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates an empty stack (a checkpoint with no deployment).</summary>
    public void Create(string project, string stack)
    {
        Directory.CreateDirectory(StacksDir(project));
        var meta = Path.Combine(PulumiDir, "meta.yaml");
        if (!File.Exists(meta)) File.WriteAllText(meta, "version: 1\n");
        var json = Encoding.UTF8.GetBytes($"{{\"version\":3,\"checkpoint\":{{\"stack\":\"{FullyQualified(project, stack)}\"}}}}");
        WriteAtomically(StackFile(project, stack), s => s.Write(json));
    }

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
        var checkpoint = StackFile(project, stack);
        foreach (var f in new[] { checkpoint, BackupOf(checkpoint), JournalFile(project, stack), TagsFile(project, stack) }.Concat(LeftoverTemps(checkpoint)))
            if (File.Exists(f)) File.Delete(f);
        if (Directory.Exists(HistoryDir(project, stack))) Directory.Delete(HistoryDir(project, stack), recursive: true);
    }

    /// <summary>
    /// Loads the checkpoint and replays the journal over it. A checkpoint that is missing (only its backup is left) or
    /// does not parse fully stops here with an error naming the file and its backup; neither is ever touched.
    /// </summary>
    public Snapshot Load(string project, string stack, Func<string?, ISecretsManager>? secrets, out string? secretsProvider)
    {
        var path = StackFile(project, stack);
        if (File.Exists(path)) return Read(path, project, stack, secrets, out secretsProvider);
        if (!File.Exists(BackupOf(path))) throw new StateException($"no stack named '{stack}' found");
        throw new StateException(
            $"stack '{stack}' has no checkpoint '{path}', only its backup '{BackupOf(path)}' (a save was interrupted). " +
            $"Nothing was changed; restore the stack from the backup and its journal with `ecr-automation stack recover --stack {stack}`");
    }

    private Snapshot Read(string path, string project, string stack, Func<string?, ISecretsManager>? secrets, out string? secretsProvider)
    {
        Snapshot snapshot;
        string? provider;
        try { (snapshot, provider) = CheckpointSerializer.ReadCheckpoint(File.ReadAllBytes(path), secrets); }
        catch (StateException e)
        {
            var backup = path.EndsWith(".bak", StringComparison.Ordinal) ? "" : File.Exists(BackupOf(path))
                ? $" '{BackupOf(path)}' holds the state before the last save: to go back to it, move '{path}' aside and run `ecr-automation stack recover --stack {stack}`."
                : $" There is no backup '{BackupOf(path)}'; import a known-good export with `ecr-automation stack import`.";
            throw new StateException($"the checkpoint '{path}' cannot be read: {e.Message}. Nothing was changed.{backup}", e);
        }
        secretsProvider = provider;
        ISecretsManager? manager = null;
        Func<ISecretsManager>? lazy = secrets is null ? null : () => manager ??= secrets(provider);
        return StateJournal.Replay(snapshot, JournalFile(project, stack), lazy);
    }

    /// <summary>
    /// Restores a stack that has only a backup of its checkpoint: the backup plus the journal of the interrupted run
    /// become the checkpoint again. Returns the number of journal records replayed. The caller holds the stack's lock.
    /// </summary>
    public int Recover(string project, string stack, Func<string?, ISecretsManager>? secrets)
    {
        var path = StackFile(project, stack);
        if (File.Exists(path))
            throw new StateException($"stack '{stack}' has its checkpoint '{path}'; there is nothing to recover (to go back to the backup, move the checkpoint aside first)");
        if (!File.Exists(BackupOf(path))) throw new StateException($"no stack named '{stack}' found");
        var journal = JournalFile(project, stack);
        var records = File.Exists(journal) ? File.ReadLines(journal).Count(l => l.Length > 0) : 0;
        ISecretsManager? manager = null;
        var snapshot = Read(BackupOf(path), project, stack, secrets is null ? null : provider => manager ??= secrets(provider), out _);
        WriteCheckpoint(project, stack, snapshot, manager);
        return records;
    }

    /// <summary>
    /// Writes a full checkpoint and starts a fresh journal. The stack file exists at every instant: the new content goes
    /// to a temp file (fsync), the old one is copied to <c>.bak</c> (via a temp copy and a rename), then one atomic
    /// rename replaces the checkpoint. Only then is the journal, which the new checkpoint includes, removed.
    /// </summary>
    public void WriteCheckpoint(string project, string stack, Snapshot snapshot, ISecretsManager? secretsManager, bool keepJournal = false)
    {
        var path = StackFile(project, stack);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var leftover in LeftoverTemps(path)) File.Delete(leftover);
        WriteAtomically(path, s => CheckpointSerializer.WriteCheckpoint(s, FullyQualified(project, stack), snapshot, secretsManager, Time.GetUtcNow()), backup: true);
        var journal = JournalFile(project, stack);
        if (!keepJournal && File.Exists(journal))
        {
            File.Delete(journal);
            AfterFileOperation?.Invoke();
        }
    }

    /// <summary>The journal holds records of a run that ended before compacting them into the checkpoint.</summary>
    internal bool HasUncompactedJournal(string project, string stack)
    {
        var journal = new FileInfo(JournalFile(project, stack));
        return journal.Exists && journal.Length > 0;
    }

    /// <summary>An operation that changed nothing leaves no journal behind.</summary>
    internal void DeleteEmptyJournal(string project, string stack)
    {
        var journal = new FileInfo(JournalFile(project, stack));
        if (journal.Exists && journal.Length == 0) journal.Delete();
    }

    internal StateJournal OpenJournal(string project, string stack, Func<ISecretsManager>? secrets) =>
        new(JournalFile(project, stack), secrets);

    private void WriteAtomically(string path, Action<Stream> write, bool backup = false)
    {
        var temp = TempFor(path);
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        AfterFileOperation?.Invoke();
        if (backup && File.Exists(path))
        {
            var backupTemp = TempFor(BackupOf(path));
            File.Copy(path, backupTemp);
            AfterFileOperation?.Invoke();
            File.Move(backupTemp, BackupOf(path), overwrite: true);
            AfterFileOperation?.Invoke();
        }
        File.Move(temp, path, overwrite: true);
        AfterFileOperation?.Invoke();
    }

    private const int TempSuffixLength = 8;

    private static string TempFor(string path) => path + ".tmp-" + Guid.NewGuid().ToString("N")[..TempSuffixLength];

    /// <summary>Temp files of checkpoint writes a killed process left behind (the caller holds the stack's lock).</summary>
    private static IEnumerable<string> LeftoverTemps(string checkpoint)
    {
        var dir = Path.GetDirectoryName(checkpoint)!;
        if (!Directory.Exists(dir)) return [];
        var prefixes = new[] { checkpoint + ".tmp-", BackupOf(checkpoint) + ".tmp-" };
        return [.. Directory.EnumerateFiles(dir, Path.GetFileName(checkpoint) + ".*")
            .Where(f => prefixes.Any(p => f.Length == p.Length + TempSuffixLength && f.StartsWith(p, StringComparison.Ordinal)))];
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
