using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's self-managed ("DIY") backend layout on an <see cref="IStateStorage"/> (a folder or an S3 bucket):
/// <c>.pulumi/stacks/&lt;project&gt;/&lt;stack&gt;.json</c> (checkpoint) with its <c>.bak</c>, our journal next to it,
/// <c>.pulumi/locks/organization/&lt;project&gt;/&lt;stack&gt;/</c> and <c>.pulumi/history/...</c>.
/// </summary>
internal sealed class StackStore
{
    /// <summary>The one lock object per stack that this engine takes by a conditional create (Pulumi's own locks, <c>&lt;uuid&gt;.json</c>, are honoured too).</summary>
    internal const string LockName = "ecr-automation.json";

    /// <summary>How long a lock holds without renewal: a killed holder's lock can be taken over after this.</summary>
    public static readonly TimeSpan DefaultLockLease = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(string Project, string Stack), StackLock> _held = new();
    private readonly ConcurrentDictionary<(string Project, string Stack), IJournalWriter> _writers = new();

    public StackStore(string root, TimeProvider? timeProvider = null) : this(new FileStateStorage(root), timeProvider) { }

    public StackStore(IStateStorage storage, TimeProvider? timeProvider = null)
    {
        Storage = storage;
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Where the state lives.</summary>
    public IStateStorage Storage { get; }
    internal TimeProvider Time { get; }

    /// <summary>The lease of the locks this store takes; the holder renews it every sixth of it.</summary>
    public TimeSpan LockLease { get; init; } = DefaultLockLease;

    private const string PulumiDir = ".pulumi/";
    private static string StacksDir(string project) => $"{PulumiDir}stacks/{Name("project", project)}/";
    private static string StackKey(string project, string stack) => StacksDir(project) + Name("stack", stack) + ".json";
    private static string BackupOf(string checkpoint) => checkpoint + ".bak";
    private static string TagsKey(string project, string stack) => StacksDir(project) + Name("stack", stack) + ".pulumi-tags";
    internal static string LockDir(string project, string stack) => $"{PulumiDir}locks/organization/{Name("project", project)}/{Name("stack", stack)}/";
    internal static string HistoryDir(string project, string stack) => $"{PulumiDir}history/{Name("project", project)}/{Name("stack", stack)}/";

    /// <summary>The checkpoint's file or URL, for messages (and for tests of the folder backend, its path).</summary>
    public string StackFile(string project, string stack) => Storage.Describe(StackKey(project, stack));

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

    /// <summary>The journal of a stack: a file next to a folder's checkpoint, segment objects in a bucket.</summary>
    internal IJournal Journal(string project, string stack) => Storage is FileStateStorage files
        ? new FileJournal(files.PathOf(StackKey(project, stack) + ".journal"), () => files.AfterFileOperation?.Invoke())
        : new SegmentJournal(Storage, StackKey(project, stack) + ".journal/");

    private bool ObjectExists(string key) => Storage is FileStateStorage files ? File.Exists(files.PathOf(key)) : Storage.List(key).Contains(key);

    /// <summary>A stack exists when its checkpoint or, after an interrupted save of an older version, only its backup does.</summary>
    public bool Exists(string project, string stack)
    {
        var keys = CheckpointKeys(project, stack);
        return keys.Checkpoint || keys.Backup;
    }

    /// <summary>The stack has only a backup of its checkpoint; <see cref="Recover"/> restores it.</summary>
    public bool HasOnlyBackup(string project, string stack)
    {
        var keys = CheckpointKeys(project, stack);
        return !keys.Checkpoint && keys.Backup;
    }

    private (bool Checkpoint, bool Backup) CheckpointKeys(string project, string stack)
    {
        var key = StackKey(project, stack);
        if (Storage is FileStateStorage) return (ObjectExists(key), ObjectExists(BackupOf(key)));
        var listed = Storage.List(key);
        return (listed.Contains(key), listed.Contains(BackupOf(key)));
    }

    /// <summary>Every stack that <see cref="Exists"/>, including those with only a backup.</summary>
    public IReadOnlyList<string> List(string project) =>
        [.. Storage.List(StacksDir(project))
            .Select(k => k[StacksDir(project).Length..])
            .Select(f => f.Contains('/') ? null
                : f.EndsWith(".json", StringComparison.Ordinal) ? f[..^".json".Length]
                : f.EndsWith(".json.bak", StringComparison.Ordinal) ? f[..^".json.bak".Length] : null)
            .OfType<string>().Where(s => InvalidNameReason("stack", s) is null)
            .Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Creates an empty stack (a checkpoint with no deployment).</summary>
    /// <exception cref="StateConditionFailedException">Another process created the stack meanwhile.</exception>
    public void Create(string project, string stack)
    {
        const string meta = PulumiDir + "meta.yaml";
        if (Storage.Get(meta) is null)
        {
            try { Storage.Put(meta, "version: 1\n"u8.ToArray(), StateWriteCondition.Absent); }
            catch (StateConditionFailedException) { } // written by another process meanwhile
        }
        var json = Encoding.UTF8.GetBytes($"{{\"version\":3,\"checkpoint\":{{\"stack\":\"{FullyQualified(project, stack)}\"}}}}");
        Storage.Put(StackKey(project, stack), json, StateWriteCondition.Absent);
    }

    private const string AutonamingSeedTag = "ecr-automation:autonamingSeed";

    /// <summary>
    /// A random value kept with the stack (as a stack tag in Pulumi's <c>.pulumi-tags</c> file) that salts auto-names:
    /// preview and up of one stack agree on names, while two stacks, or two state roots, never pick the same ones.
    /// </summary>
    public string AutonamingSeed(string project, string stack)
    {
        var key = TagsKey(project, stack);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var existing = Storage.Get(key);
        if (existing is not null)
        {
            using var doc = JsonDocument.Parse(existing.Content);
            if (doc.RootElement.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
                foreach (var p in t.EnumerateObject()) tags[p.Name] = p.Value.GetString() ?? "";
            if (tags.TryGetValue(AutonamingSeedTag, out var seed)) return seed;
        }
        tags[AutonamingSeedTag] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Storage.Put(key, JsonSerializer.SerializeToUtf8Bytes(new { version = 1, tags }), StateWriteCondition.None);
        return tags[AutonamingSeedTag];
    }

    public void Remove(string project, string stack)
    {
        var checkpoint = StackKey(project, stack);
        Storage.DiscardIncompleteWrites(checkpoint);
        Storage.DiscardIncompleteWrites(BackupOf(checkpoint));
        foreach (var key in new[] { checkpoint, BackupOf(checkpoint), TagsKey(project, stack) }) Storage.Delete(key);
        Journal(project, stack).Delete();
        foreach (var key in Storage.List(HistoryDir(project, stack))) Storage.Delete(key);
        if (Storage is FileStateStorage files && Directory.Exists(files.PathOf(HistoryDir(project, stack).TrimEnd('/'))))
            Directory.Delete(files.PathOf(HistoryDir(project, stack).TrimEnd('/')), recursive: true);
    }

    /// <summary>
    /// Loads the checkpoint and replays the journal over it. A checkpoint that is missing (only its backup is left) or
    /// does not parse fully stops here with an error naming the file and its backup; neither is ever touched. Under
    /// this store's lock of the stack, the version read is the one the run's checkpoint writes require.
    /// </summary>
    public Snapshot Load(string project, string stack, Func<string?, ISecretsManager>? secrets, out string? secretsProvider)
    {
        var key = StackKey(project, stack);
        if (Storage.Get(key) is { } checkpoint)
        {
            if (_held.TryGetValue((project, stack), out var held)) held.CheckpointETag ??= checkpoint.ETag;
            return Read(checkpoint.Content, key, project, stack, secrets, out secretsProvider);
        }
        if (!ObjectExists(BackupOf(key))) throw new StateException($"no stack named '{stack}' found");
        throw new StateException(
            $"stack '{stack}' has no checkpoint '{Storage.Describe(key)}', only its backup '{Storage.Describe(BackupOf(key))}' (a save was interrupted). " +
            $"Nothing was changed; restore the stack from the backup and its journal with `ecr-automation stack recover --stack {stack}`");
    }

    private Snapshot Read(byte[] content, string key, string project, string stack, Func<string?, ISecretsManager>? secrets, out string? secretsProvider)
    {
        Snapshot snapshot;
        string? provider;
        try { (snapshot, provider) = CheckpointSerializer.ReadCheckpoint(content, secrets); }
        catch (StateException e)
        {
            var path = Storage.Describe(key);
            var backupPath = Storage.Describe(BackupOf(key));
            var backup = key.EndsWith(".bak", StringComparison.Ordinal) ? "" : ObjectExists(BackupOf(key))
                ? $" '{backupPath}' holds the state before the last save: to go back to it, move '{path}' aside and run `ecr-automation stack recover --stack {stack}`."
                : $" There is no backup '{backupPath}'; import a known-good export with `ecr-automation stack import`.";
            throw new StateException($"the checkpoint '{path}' cannot be read: {e.Message}. Nothing was changed.{backup}", e);
        }
        secretsProvider = provider;
        ISecretsManager? manager = null;
        Func<ISecretsManager>? lazy = secrets is null ? null : () => manager ??= secrets(provider);
        return StateJournal.Replay(snapshot, Journal(project, stack), lazy);
    }

    /// <summary>
    /// Restores a stack that has only a backup of its checkpoint: the backup plus the journal of the interrupted run
    /// become the checkpoint again. Returns the number of journal records replayed. The caller holds the stack's lock.
    /// </summary>
    public int Recover(string project, string stack, Func<string?, ISecretsManager>? secrets)
    {
        var key = StackKey(project, stack);
        if (ObjectExists(key))
            throw new StateException($"stack '{stack}' has its checkpoint '{Storage.Describe(key)}'; there is nothing to recover (to go back to the backup, move the checkpoint aside first)");
        var backup = Storage.Get(BackupOf(key)) ?? throw new StateException($"no stack named '{stack}' found");
        var records = Encoding.UTF8.GetString(Journal(project, stack).Read()).Split('\n').Count(l => l.Length > 0);
        ISecretsManager? manager = null;
        var snapshot = Read(backup.Content, BackupOf(key), project, stack, secrets is null ? null : provider => manager ??= secrets(provider), out _);
        WriteCheckpoint(project, stack, snapshot, manager);
        return records;
    }

    /// <summary>
    /// Writes a full checkpoint and, unless <paramref name="keepJournal"/>, drops the journal it now includes. The current
    /// checkpoint is copied to <c>.bak</c> first; the new one is written only if the checkpoint is still the version this
    /// run's lock read (or wrote) — a writer whose lock was taken over fails here, changes nothing and keeps its journal.
    /// In a folder every write goes through a temp file and a rename, so the stack file exists at every instant.
    /// </summary>
    public void WriteCheckpoint(string project, string stack, Snapshot snapshot, ISecretsManager? secretsManager, bool keepJournal = false)
    {
        var key = StackKey(project, stack);
        using var content = new MemoryStream();
        CheckpointSerializer.WriteCheckpoint(content, FullyQualified(project, stack), snapshot, secretsManager, Time.GetUtcNow());
        _held.TryGetValue((project, stack), out var held);
        held?.Verify();
        Storage.DiscardIncompleteWrites(key);
        Storage.DiscardIncompleteWrites(BackupOf(key));
        var expected = held?.CheckpointETag ?? Storage.Get(key)?.ETag;
        if (expected is not null) Storage.Copy(key, BackupOf(key));
        string etag;
        try
        {
            etag = Storage.Put(key, content.GetBuffer().AsMemory(0, (int)content.Length),
                expected is null ? StateWriteCondition.Absent : StateWriteCondition.IfMatch(expected));
        }
        catch (StateConditionFailedException e)
        {
            throw new StateException(
                $"the checkpoint '{Storage.Describe(key)}' was changed by another process since this run read it (this run's lock was taken over, or removed with `cancel`). " +
                "Nothing was overwritten; the journal keeps this run's changes for the next run to recover.", e);
        }
        if (held is not null) held.CheckpointETag = etag;
        if (keepJournal) return;
        if (_writers.TryRemove((project, stack), out var writer)) writer.Clear();
        else Journal(project, stack).Delete();
    }

    /// <summary>The journal holds records of a run that ended before compacting them into the checkpoint.</summary>
    internal bool HasUncompactedJournal(string project, string stack) => Journal(project, stack).HasRecords();

    /// <summary>An operation that changed nothing leaves no journal behind.</summary>
    internal void DeleteEmptyJournal(string project, string stack)
    {
        _writers.TryRemove((project, stack), out _);
        Journal(project, stack).Delete(onlyIfEmpty: true);
    }

    /// <summary>Starts journaling a run's changes (the caller holds the stack's lock and has loaded the stack).</summary>
    internal StateJournal OpenJournal(string project, string stack, Func<ISecretsManager>? secrets)
    {
        var writer = Journal(project, stack).OpenWriter();
        _writers[(project, stack)] = writer;
        return new StateJournal(writer, secrets);
    }

    /// <summary>
    /// Takes the stack's lock with one conditional create of <c>locks/organization/&lt;project&gt;/&lt;stack&gt;/ecr-automation.json</c>,
    /// so at most one holder exists. A lock whose lease lapsed (or, in a folder, whose process is no longer running) is
    /// taken over with a conditional write on its ETag, with a warning naming its holder. Pulumi's lock files in the
    /// folder exclude too. Otherwise throws <see cref="StackLockedException"/> naming the holder.
    /// </summary>
    public StackLock AcquireLock(string project, string stack, Action<string>? warn = null, string? operation = null)
    {
        var dir = LockDir(project, stack);
        var key = dir + LockName;
        CheckPulumiLocks(dir, key, warn);
        var info = LockInfo.ForCurrentProcess(Time.GetUtcNow(), operation, LockLease);
        string etag;
        while (true)
        {
            try
            {
                etag = Storage.Put(key, info.ToJson(), StateWriteCondition.Absent);
                break;
            }
            catch (StateConditionFailedException) { }
            if (Storage.Get(key) is not { } current) continue; // released meanwhile: try again
            var holder = LockInfo.Parse(current.Content);
            var lapsed = holder?.LeaseLapsed(Time.GetUtcNow()) == true;
            var dead = !lapsed && Storage.IsLocal && holder?.IsStale() == true;
            if (!lapsed && !dead) throw Locked(key, holder);
            try { etag = Storage.Put(key, info.ToJson(), StateWriteCondition.IfMatch(current.ETag)); }
            catch (StateConditionFailedException) { throw Locked(key, Storage.Get(key) is { } now ? LockInfo.Parse(now.Content) : holder); }
            warn?.Invoke(lapsed
                ? $"took over the stack's lock from {holder!.Holder}: its lease lapsed without renewal (the holder was killed or lost its connection)"
                : $"removed a stale lock left by process {holder!.Pid} on {holder.Hostname} (started {holder.Timestamp:O}), which is no longer running, and took the lock");
            break;
        }
        StackLock? held = null;
        held = new StackLock(Storage, key, etag, info, LockLease, Time, () => _held.TryRemove(new((project, stack), held!)));
        _held[(project, stack)] = held;
        return held;
    }

    private StackLockedException Locked(string key, LockInfo? holder) => new(
        "the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `ecr-automation cancel`.\n" +
        $"  {Storage.Describe(key)}: created by {holder?.Holder ?? "an unreadable lock"}", holder);

    /// <summary>Removes every lock of the stack (the <c>cancel</c> command) and returns who held them.</summary>
    public IReadOnlyList<string> ClearLocks(string project, string stack)
    {
        var removed = new List<string>();
        foreach (var key in Storage.List(LockDir(project, stack)).Where(k => k.EndsWith(".json", StringComparison.Ordinal)))
        {
            var holder = Storage.Get(key) is { } lockObject ? LockInfo.Parse(lockObject.Content)?.Holder : null;
            if (Storage.Delete(key)) removed.Add(holder ?? $"an unreadable lock {Storage.Describe(key)}");
        }
        return removed;
    }

    /// <summary>Pulumi's own lock files (<c>&lt;uuid&gt;.json</c>) in the stack's lock folder; those of dead local processes are removed.</summary>
    private void CheckPulumiLocks(string dir, string ours, Action<string>? warn)
    {
        var holders = new List<(string Key, LockInfo Info)>();
        foreach (var key in Storage.List(dir))
        {
            if (key == ours || !key.EndsWith(".json", StringComparison.Ordinal) || key.AsSpan(dir.Length).Contains('/')) continue;
            if (Storage.Get(key) is not { } lockObject || LockInfo.Parse(lockObject.Content) is not { } info) continue;
            if (Storage.IsLocal && info.IsStale())
            {
                try { Storage.Delete(key); } catch (IOException) { }
                warn?.Invoke($"removed a stale lock left by process {info.Pid} on {info.Hostname} (started {info.Timestamp:O}), which is no longer running");
                continue;
            }
            holders.Add((key, info));
        }
        if (holders.Count == 0) return;
        var lines = string.Join("\n", holders.Select(h => $"  {h.Key[dir.Length..]}: created by {h.Info.Username}@{h.Info.Hostname} (pid {h.Info.Pid}) at {h.Info.Timestamp:O}"));
        throw new StackLockedException(
            $"the stack is currently locked by {holders.Count} lock(s). Either wait for the other process(es) to end or delete the lock file with `ecr-automation cancel`.\n{lines}",
            holders[0].Info);
    }

    /// <summary>Appends one update record to the stack's history.</summary>
    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        var nanos = (record.StartTime.ToUnixTimeMilliseconds() * 1_000_000) + System.Random.Shared.Next(1_000_000);
        Storage.Put($"{HistoryDir(project, stack)}{stack}-{nanos}.history.json",
            JsonSerializer.SerializeToUtf8Bytes(record, UpdateRecord.JsonOptions), StateWriteCondition.None);
    }

    /// <summary>The stack's updates, newest first.</summary>
    public IReadOnlyList<UpdateRecord> ReadHistory(string project, string stack) =>
        [.. Storage.List(HistoryDir(project, stack))
            .Where(k => k.EndsWith(".history.json", StringComparison.Ordinal))
            .Select(k => Storage.Get(k)).OfType<StoredObject>()
            .Select(o => JsonSerializer.Deserialize<UpdateRecord>(o.Content, UpdateRecord.JsonOptions)!)
            .OrderByDescending(r => r.StartTime)];
}
