using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>
/// One cluster's objects: a durable, in-memory store keyed by resource, namespace and name, with one resourceVersion
/// counter for the whole cluster (like etcd's revision), optimistic concurrency, finalizer-aware deletion, garbage
/// collection of owned objects and watches. Both the HTTP API and in-process controllers read and write through it.
/// </summary>
/// <remarks>
/// A write is acknowledged (its task completes) only after its log record is fsynced, so an acknowledged write survives
/// a kill -9; concurrent writers share one fsync. Watches see a change after it is durable, in resourceVersion order.
/// Reads return copies: change them freely. Writes that change nothing (an update equal to the live object) do not
/// bump the resourceVersion and emit no event.
/// </remarks>
public sealed class ObjectStore : IAsyncDisposable
{
    private const int HistoryCapacity = 10_000;
    private const long CompactionThreshold = 64L * 1024 * 1024;
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly object _gate = new();
    private readonly Dictionary<GroupVersionResource, SortedDictionary<(string Namespace, string Name), JsonObject>> _objects = [];
    private readonly StorageLog _log;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _flushSignal = new(0);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _flusher;
    private List<PendingChange> _pending = [];
    private long _resourceVersion;
    private Exception? _logFailure;

    private readonly object _watchGate = new();
    private readonly Queue<(ObjectEvent Event, JsonObject? Previous)> _history = new();
    private readonly List<ObjectWatch> _watches = [];
    private long _historyFloor;
    private readonly GarbageCollector _garbageCollector;

    private ObjectStore(string dataDirectory, TimeProvider time)
    {
        _time = time;
        DataDirectory = Path.GetFullPath(dataDirectory);
        (_log, _resourceVersion) = StorageLog.Open(dataDirectory, Replay);
        if (_log.Length > 0)
        {
            _log.Compact(_resourceVersion, AllObjects());
        }

        _historyFloor = _resourceVersion;
        _flusher = Task.Run(FlushLoopAsync);
        _garbageCollector = new GarbageCollector(this);
    }

    /// <summary>The store's folder; the kubelet keeps pod logs beside the objects, where the API reads them.</summary>
    internal string DataDirectory { get; }

    /// <summary>The resourceVersion of the latest change (committed or being committed).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>
    /// Opens the store kept in <paramref name="dataDirectory"/> (created if missing), replaying its snapshot and log.
    /// One process at a time: a second open of the same directory fails with an <see cref="IOException"/>.
    /// </summary>
    /// <param name="dataDirectory">Where the cluster's objects live (<c>snapshot.json</c>, <c>changes.log</c>).</param>
    /// <param name="time">The clock for creation and deletion timestamps; the system clock when null.</param>
    /// <exception cref="InvalidDataException">The files are damaged beyond a torn final write.</exception>
    public static ObjectStore Open(string dataDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return new ObjectStore(dataDirectory, time ?? TimeProvider.System);
    }

    /// <summary>A copy of the object, or null when there is none.</summary>
    /// <param name="resource">The object's resource.</param>
    /// <param name="namespace">Its namespace; null or empty for cluster-scoped kinds.</param>
    /// <param name="name">Its name.</param>
    public JsonObject? Get(GroupVersionResource resource, string? @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return Table(resource).TryGetValue((@namespace ?? string.Empty, name), out var obj) ? Copy(obj) : null;
        }
    }

    /// <summary>Copies of the objects of <paramref name="resource"/> that match <paramref name="options"/>, in namespace/name order.</summary>
    /// <exception cref="FormatException">A selector or continue token is malformed.</exception>
    public ObjectList List(GroupVersionResource resource, ObjectListOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= new ObjectListOptions();
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector);
        var after = DecodeContinue(options.Continue);
        var items = new List<JsonObject>();
        lock (_gate)
        {
            (string, string)? last = null;
            long remaining = 0;
            foreach (var (key, obj) in Table(resource))
            {
                if ((after is { } start && Compare(key, start) <= 0)
                    || (!string.IsNullOrEmpty(options.Namespace) && key.Namespace != options.Namespace)
                    || (fields.ExactName is { } exact && key.Name != exact)
                    || !labels.Matches(obj) || !fields.Matches(obj))
                {
                    continue;
                }

                if (options.Limit > 0 && items.Count == options.Limit)
                {
                    remaining++;
                    continue;
                }

                items.Add(Copy(obj));
                last = key;
            }

            var token = remaining > 0 && last is { } lastKey ? EncodeContinue(lastKey) : null;
            return new ObjectList(items, _resourceVersion, token, remaining > 0 ? remaining : null);
        }
    }

    /// <summary>
    /// Stores a new object: assigns <c>uid</c>, <c>resourceVersion</c>, <c>creationTimestamp</c>, <c>generation</c> (for
    /// kinds that track it) and a name from <c>metadata.generateName</c> when no name is given. Completes once durable.
    /// </summary>
    /// <returns>A copy of the stored object.</returns>
    /// <exception cref="ObjectStoreException">AlreadyExists, or Invalid when there is no name.</exception>
    public Task<JsonObject> CreateAsync(GroupVersionResource resource, JsonObject obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        var created = obj.DeepClone().AsObject();
        var metadata = Metadata(created);
        if (string.IsNullOrEmpty(metadata["name"]?.GetValue<string>()) && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + new string(Enumerable.Range(0, 5).Select(_ => NameSuffixAlphabet[Random.Shared.Next(NameSuffixAlphabet.Length)]).ToArray());
        }

        var key = KeyOf(resource, created);
        Task committed;
        lock (_gate)
        {
            var table = Table(resource);
            if (table.ContainsKey(key))
            {
                throw new ObjectStoreException(StoreFailure.AlreadyExists, $"{Describe(resource)} \"{key.Name}\" already exists");
            }

            var version = ++_resourceVersion;
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            metadata["creationTimestamp"] = Timestamp();
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            if (TracksGeneration(resource))
            {
                metadata["generation"] = 1L;
            }
            else
            {
                metadata.Remove("generation");
            }

            table[key] = created;
            committed = Commit(ObjectEventType.Added, resource, created, previous: null, version);
        }

        return AfterCommitAsync(committed, created, cancellationToken);
    }

    /// <summary>
    /// Replaces an object. When <c>metadata.resourceVersion</c> is set it must be the live one (else Conflict);
    /// uid, creationTimestamp and deletion marks are kept from the live object; <c>generation</c> is bumped when anything
    /// outside metadata and status changed. An update that removes the last finalizer of an object marked for deletion
    /// removes it. An update equal to the live object changes nothing.
    /// </summary>
    /// <returns>A copy of the stored object (or of the removed one).</returns>
    /// <exception cref="ObjectStoreException">NotFound or Conflict.</exception>
    public Task<JsonObject> UpdateAsync(GroupVersionResource resource, JsonObject obj, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        var updated = obj.DeepClone().AsObject();
        var metadata = Metadata(updated);
        var key = KeyOf(resource, updated);
        Task committed;
        lock (_gate)
        {
            var table = Table(resource);
            if (!table.TryGetValue(key, out var live))
            {
                throw NotFound(resource, key.Name);
            }

            var liveMetadata = Metadata(live);
            var liveVersion = liveMetadata["resourceVersion"]!.GetValue<string>();
            if (metadata["resourceVersion"]?.GetValue<string>() is { Length: > 0 } expected && expected != liveVersion)
            {
                throw ModifiedConflict(resource, key.Name);
            }

            if (metadata["uid"]?.GetValue<string>() is { Length: > 0 } uid && uid != liveMetadata["uid"]!.GetValue<string>())
            {
                throw new ObjectStoreException(StoreFailure.Conflict, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {liveMetadata["uid"]}");
            }

            foreach (var kept in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion" })
            {
                if (liveMetadata[kept] is { } value)
                {
                    metadata[kept] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(kept);
                }
            }

            if (JsonNode.DeepEquals(updated, live))
            {
                return Task.FromResult(Copy(live));
            }

            if (TracksGeneration(resource) && SpecChanged(updated, live))
            {
                metadata["generation"] = Generation(liveMetadata) + 1;
            }

            var version = ++_resourceVersion;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            if (metadata["deletionTimestamp"] is not null && metadata["finalizers"] is not JsonArray { Count: > 0 })
            {
                table.Remove(key);
                committed = Commit(ObjectEventType.Deleted, resource, updated, live, version);
            }
            else
            {
                table[key] = updated;
                committed = Commit(ObjectEventType.Modified, resource, updated, live, version);
            }
        }

        return AfterCommitAsync(committed, updated, cancellationToken);
    }

    /// <summary>
    /// Deletes an object the way the API server does: an object without finalizers (after the propagation policy adds
    /// <c>foregroundDeletion</c> or <c>orphan</c>) is removed at once; otherwise it is marked with
    /// <c>deletionTimestamp</c> and stays until its finalizers are removed. Dependents are handled by the garbage collector.
    /// </summary>
    /// <exception cref="ObjectStoreException">NotFound, or Conflict when a precondition fails.</exception>
    public Task<ObjectDeletion> DeleteAsync(
        GroupVersionResource resource,
        string? @namespace,
        string name,
        ObjectDeleteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= new ObjectDeleteOptions();
        var key = (@namespace ?? string.Empty, name);
        Task committed;
        JsonObject result;
        bool removed;
        lock (_gate)
        {
            var table = Table(resource);
            if (!table.TryGetValue(key, out var live))
            {
                throw NotFound(resource, name);
            }

            var liveMetadata = Metadata(live);
            if (options.Uid is { Length: > 0 } uid && uid != liveMetadata["uid"]?.GetValue<string>())
            {
                throw new ObjectStoreException(StoreFailure.Conflict, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {liveMetadata["uid"]}");
            }

            if (options.ResourceVersion is { Length: > 0 } expected && expected != liveMetadata["resourceVersion"]?.GetValue<string>())
            {
                throw ModifiedConflict(resource, name);
            }

            result = live.DeepClone().AsObject();
            var metadata = Metadata(result);
            var finalizers = metadata["finalizers"] as JsonArray ?? [];
            var added = options.PropagationPolicy switch
            {
                PropagationPolicy.Foreground => "foregroundDeletion",
                PropagationPolicy.Orphan => "orphan",
                _ => null,
            };
            var addsFinalizer = added is not null && !finalizers.Any(f => f?.GetValue<string>() == added);
            if (addsFinalizer)
            {
                finalizers.Add(added);
                metadata["finalizers"] = finalizers.DeepClone();
            }

            var version = _resourceVersion + 1;
            if (finalizers.Count > 0)
            {
                if (liveMetadata["deletionTimestamp"] is not null && !addsFinalizer)
                {
                    return Task.FromResult(new ObjectDeletion(Copy(live), Removed: false));
                }

                metadata["deletionTimestamp"] ??= Timestamp();
                metadata["deletionGracePeriodSeconds"] = 0L;
                if (TracksGeneration(resource))
                {
                    metadata["generation"] = Generation(liveMetadata) + 1;
                }

                metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
                _resourceVersion = version;
                table[key] = result;
                committed = Commit(ObjectEventType.Modified, resource, result, live, version);
                removed = false;
            }
            else
            {
                metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
                _resourceVersion = version;
                table.Remove(key);
                committed = Commit(ObjectEventType.Deleted, resource, result, live, version);
                removed = true;
            }
        }

        return AfterDeleteAsync(committed, result, removed, cancellationToken);
    }

    /// <summary>
    /// Subscribes to changes of <paramref name="resource"/> that match <paramref name="options"/>. Dispose the watch to end it.
    /// </summary>
    /// <exception cref="ObjectStoreException">Expired: the requested resourceVersion is older than the store remembers.</exception>
    /// <exception cref="FormatException">A selector is malformed.</exception>
    public ObjectWatch Watch(GroupVersionResource resource, ObjectWatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Subscribe(resource, options ?? new ObjectWatchOptions());
    }

    /// <summary>Stops writing, completes every watch and closes the files. Writes in flight complete first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await _garbageCollector.DisposeAsync().ConfigureAwait(false);
        await _flusher.ConfigureAwait(false);
        lock (_watchGate)
        {
            foreach (var watch in _watches)
            {
                watch.Complete();
            }

            _watches.Clear();
        }

        _log.Dispose();
        _flushSignal.Dispose();
        _closing.Dispose();
    }

    /// <summary>Every resource with every object, by reference (read-only; for the garbage collector's scans).</summary>
    internal List<(GroupVersionResource Resource, JsonObject Object)> AllObjects()
    {
        lock (_gate)
        {
            return _objects.SelectMany(table => table.Value.Values.Select(obj => (table.Key, obj))).ToList();
        }
    }

    /// <summary>A watch over every resource (the garbage collector's), starting after <paramref name="after"/>.</summary>
    internal ObjectWatch WatchEverything(out long after)
    {
        lock (_watchGate)
        {
            lock (_gate)
            {
                after = _resourceVersion;
            }

            var watch = new ObjectWatch(Channel.CreateUnbounded<ObjectEvent>(new UnboundedChannelOptions { SingleReader = true }), (change, _) => change, after, Unsubscribe);
            _watches.Add(watch);
            return watch;
        }
    }

    internal static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    internal static string Describe(GroupVersionResource resource) =>
        resource.Group.Length == 0 ? resource.Resource : $"{resource.Resource}.{resource.Group}";

    private ObjectWatch Subscribe(GroupVersionResource resource, ObjectWatchOptions options)
    {
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector);
        bool Matches(JsonObject obj) =>
            (string.IsNullOrEmpty(options.Namespace) || obj["metadata"]?["namespace"]?.GetValue<string>() == options.Namespace)
            && labels.Matches(obj) && fields.Matches(obj);

        ObjectEvent? Filter(ObjectEvent change, JsonObject? previous)
        {
            if (change.Resource != resource)
            {
                return null;
            }

            var now = change.Type != ObjectEventType.Deleted && Matches(change.Object);
            var before = previous is not null && Matches(previous);
            return change.Type switch
            {
                ObjectEventType.Deleted => before || Matches(change.Object) ? change : null,
                _ when now && before => change with { Type = ObjectEventType.Modified },
                _ when now => change with { Type = ObjectEventType.Added },
                _ when before => change with { Type = ObjectEventType.Deleted },
                _ => null,
            };
        }

        var channel = Channel.CreateUnbounded<ObjectEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_watchGate)
        {
            if (options.FromResourceVersion is { } from)
            {
                if (from < _historyFloor)
                {
                    throw new ObjectStoreException(
                        StoreFailure.Expired, $"too old resource version: {from} ({_historyFloor})");
                }

                var watch = new ObjectWatch(channel, Filter, from, Unsubscribe);
                foreach (var (change, previous) in _history)
                {
                    watch.Deliver(change, previous);
                }

                _watches.Add(watch);
                return watch;
            }

            List<JsonObject> existing;
            long current;
            lock (_gate)
            {
                current = _resourceVersion;
                existing = Table(resource).Values.Where(Matches).ToList();
            }

            foreach (var obj in existing)
            {
                var version = long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                channel.Writer.TryWrite(new ObjectEvent(ObjectEventType.Added, resource, obj, version));
            }

            var live = new ObjectWatch(channel, Filter, current, Unsubscribe);
            _watches.Add(live);
            return live;
        }
    }

    private void Unsubscribe(ObjectWatch watch)
    {
        lock (_watchGate)
        {
            _watches.Remove(watch);
        }
    }

    private Task Commit(ObjectEventType type, GroupVersionResource resource, JsonObject obj, JsonObject? previous, long version)
    {
        if (_closing.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ObjectStore));
        }

        if (_logFailure is not null)
        {
            // Memory may be ahead of the disk now: refuse further writes rather than acknowledge what cannot be kept.
            throw new IOException("The object store could not make its log durable; reopen it to continue from what is on disk.", _logFailure);
        }

        _log.Append(version, resource, obj, type == ObjectEventType.Deleted);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add(new PendingChange(new ObjectEvent(type, resource, obj, version), previous, done));
        _flushSignal.Release();
        return done.Task;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            try
            {
                await _flushSignal.WaitAsync(_closing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closing: flush what is still pending, then stop.
            }

            List<PendingChange> batch;
            lock (_gate)
            {
                batch = _pending;
                _pending = [];
            }

            if (batch.Count > 0)
            {
                Flush(batch);
            }

            if (_closing.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        return;
                    }
                }
            }
        }
    }

    private void Flush(List<PendingChange> batch)
    {
        try
        {
            _log.FlushToDisk();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _logFailure = e;
            }

            foreach (var change in batch)
            {
                change.Done.TrySetException(e);
            }

            return;
        }

        lock (_watchGate)
        {
            foreach (var change in batch)
            {
                _history.Enqueue((change.Event, change.Previous));
                if (_history.Count > HistoryCapacity)
                {
                    _historyFloor = _history.Dequeue().Event.ResourceVersion;
                }

                foreach (var watch in _watches)
                {
                    watch.Deliver(change.Event, change.Previous);
                }
            }
        }

        foreach (var change in batch)
        {
            change.Done.TrySetResult();
        }

        if (_log.Length > CompactionThreshold)
        {
            lock (_gate)
            {
                _log.Compact(_resourceVersion, AllObjects());
            }
        }
    }

    private static async Task<JsonObject> AfterCommitAsync(Task committed, JsonObject stored, CancellationToken cancellationToken)
    {
        await committed.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Copy(stored);
    }

    private static async Task<ObjectDeletion> AfterDeleteAsync(Task committed, JsonObject stored, bool removed, CancellationToken cancellationToken)
    {
        await committed.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ObjectDeletion(Copy(stored), removed);
    }

    private void Replay(GroupVersionResource resource, JsonObject? obj, string @namespace, string name)
    {
        if (obj is null)
        {
            Table(resource).Remove((@namespace, name));
        }
        else
        {
            // Parsed nodes build their children lazily, which concurrent readers would race on; clones are built eagerly.
            Table(resource)[(@namespace, name)] = Copy(obj);
        }
    }

    private SortedDictionary<(string Namespace, string Name), JsonObject> Table(GroupVersionResource resource)
    {
        if (!_objects.TryGetValue(resource, out var table))
        {
            table = new SortedDictionary<(string, string), JsonObject>(Comparer<(string, string)>.Create(Compare));
            _objects[resource] = table;
        }

        return table;
    }

    private static int Compare((string Namespace, string Name) a, (string Namespace, string Name) b)
    {
        var byNamespace = string.CompareOrdinal(a.Namespace, b.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Name, b.Name);
    }

    private static (string Namespace, string Name) KeyOf(GroupVersionResource resource, JsonObject obj)
    {
        var metadata = Metadata(obj);
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            throw new ObjectStoreException(StoreFailure.Invalid, $"{Describe(resource)}: metadata.name or metadata.generateName is required");
        }

        return (metadata["namespace"]?.GetValue<string>() ?? string.Empty, name);
    }

    private static bool TracksGeneration(GroupVersionResource resource) =>
        resource.Group is "apps" or "batch" or "networking.k8s.io" or "policy" || resource.Resource is "customresourcedefinitions";

    private static bool SpecChanged(JsonObject updated, JsonObject live) =>
        updated.Select(p => p.Key).Union(live.Select(p => p.Key))
            .Where(key => key is not ("metadata" or "status"))
            .Any(key => !JsonNode.DeepEquals(updated[key], live[key]));

    private static long Generation(JsonObject metadata) =>
        metadata["generation"] is JsonValue value ? long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture) : 0;

    private static JsonObject Copy(JsonObject obj) => obj.DeepClone().AsObject();

    private string Timestamp() => ObjectJson.Timestamp(_time.GetUtcNow());

    private static ObjectStoreException NotFound(GroupVersionResource resource, string name) =>
        new(StoreFailure.NotFound, $"{Describe(resource)} \"{name}\" not found");

    private static ObjectStoreException ModifiedConflict(GroupVersionResource resource, string name) =>
        new(StoreFailure.Conflict, $"Operation cannot be fulfilled on {Describe(resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    private static string EncodeContinue((string Namespace, string Name) key) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new[] { key.Namespace, key.Name }));

    private static (string, string)? DecodeContinue(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(token));
            return parts is [var ns, var name] ? (ns, name) : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new FormatException($"invalid continue token '{token}'", e);
        }
    }

    private sealed record PendingChange(ObjectEvent Event, JsonObject? Previous, TaskCompletionSource Done);
}
