using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>
/// The store's garbage collector, as kube-controller-manager's: deletes objects whose owners (by
/// <c>ownerReferences[].uid</c>) are gone, empties deleted namespaces, and carries out the <c>foregroundDeletion</c> and
/// <c>orphan</c> finalizers. It follows the store's own change feed, and sweeps once at open to finish work a crash cut short.
/// </summary>
internal sealed class GarbageCollector : IAsyncDisposable
{
    private const int UpdateAttempts = 5;
    private static readonly GroupVersionResource Namespaces = new(string.Empty, "v1", "namespaces");
    private readonly ObjectStore _store;
    private readonly ObjectWatch _changes;
    private readonly Task _loop;

    public GarbageCollector(ObjectStore store)
    {
        _store = store;
        _changes = store.WatchEverything(out _);
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Dispose();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            await SweepAsync().ConfigureAwait(false);
            await foreach (var change in _changes.Events.ReadAllAsync().ConfigureAwait(false))
            {
                await HandleAsync(change).ConfigureAwait(false);
            }
        }
        catch (ObjectDisposedException)
        {
            // The store is closing; what is left undone is finished by the sweep of the next open.
        }
    }

    private async Task SweepAsync()
    {
        var all = _store.AllObjects();
        var uids = all.Select(entry => entry.Object.Uid()).ToHashSet(StringComparer.Ordinal);
        var namespaces = all.Where(entry => entry.Resource == Namespaces).Select(entry => entry.Object.Name()).ToHashSet(StringComparer.Ordinal);
        foreach (var (resource, obj) in all)
        {
            var owners = OwnerUids(obj);
            var orphanedByOwners = owners.Count > 0 && !owners.Any(uids.Contains);
            var orphanedByNamespace = obj.Namespace() is { Length: > 0 } ns && !namespaces.Contains(ns) && namespaces.Count > 0;
            if (orphanedByOwners || orphanedByNamespace)
            {
                await DeleteQuietlyAsync(resource, obj, PropagationPolicy.Background).ConfigureAwait(false);
            }
            else if (obj["metadata"]?["deletionTimestamp"] is not null)
            {
                await FinalizeAsync(resource, obj).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(ObjectEvent change)
    {
        try
        {
            if (change.Type == ObjectEventType.Deleted)
            {
                await CollectDependentsAsync(change).ConfigureAwait(false);
            }
            else if (change.Object["metadata"]?["deletionTimestamp"] is not null)
            {
                await FinalizeAsync(change.Resource, change.Object).ConfigureAwait(false);
            }
        }
        catch (ObjectStoreException)
        {
            // Raced with another writer; the change that caused the race brings this collector back here.
        }
    }

    private async Task CollectDependentsAsync(ObjectEvent deletion)
    {
        var uid = deletion.Object.Uid();
        var all = _store.AllObjects();
        if (deletion.Resource == Namespaces)
        {
            var name = deletion.Object.Name();
            foreach (var (resource, obj) in all.Where(entry => entry.Object.Namespace() == name))
            {
                await DeleteQuietlyAsync(resource, obj, PropagationPolicy.Background).ConfigureAwait(false);
            }
        }

        var alive = all.Select(entry => entry.Object.Uid()).ToHashSet(StringComparer.Ordinal);
        foreach (var (resource, obj) in all.Where(entry => OwnerUids(entry.Object).Contains(uid)))
        {
            if (OwnerUids(obj).Any(owner => owner != uid && alive.Contains(owner)))
            {
                await RemoveOwnerReferenceAsync(resource, obj, uid).ConfigureAwait(false);
            }
            else
            {
                await DeleteQuietlyAsync(resource, obj, PropagationPolicy.Background).ConfigureAwait(false);
            }
        }

        // A foreground-deleted owner waits for its last dependent: this deletion may have been it.
        var owners = OwnerUids(deletion.Object);
        foreach (var (resource, owner) in all.Where(entry => owners.Contains(entry.Object.Uid()) && entry.Object["metadata"]?["deletionTimestamp"] is not null))
        {
            await FinalizeAsync(resource, owner).ConfigureAwait(false);
        }
    }

    private async Task FinalizeAsync(GroupVersionResource resource, JsonObject owner)
    {
        var finalizers = Finalizers(owner);
        var uid = owner.Uid();
        var dependents = _store.AllObjects().Where(entry => OwnerUids(entry.Object).Contains(uid)).ToList();
        if (finalizers.Contains("orphan"))
        {
            foreach (var (dependentResource, dependent) in dependents)
            {
                await RemoveOwnerReferenceAsync(dependentResource, dependent, uid).ConfigureAwait(false);
            }

            await RemoveFinalizerAsync(resource, owner, "orphan").ConfigureAwait(false);
        }
        else if (finalizers.Contains("foregroundDeletion"))
        {
            if (dependents.Count == 0)
            {
                await RemoveFinalizerAsync(resource, owner, "foregroundDeletion").ConfigureAwait(false);
                return;
            }

            foreach (var (dependentResource, dependent) in dependents.Where(entry => entry.Object["metadata"]?["deletionTimestamp"] is null))
            {
                await DeleteQuietlyAsync(dependentResource, dependent, PropagationPolicy.Foreground).ConfigureAwait(false);
            }
        }
    }

    private async Task DeleteQuietlyAsync(GroupVersionResource resource, JsonObject obj, PropagationPolicy policy)
    {
        try
        {
            await _store.DeleteAsync(resource, obj.Namespace(), obj.Name(), new ObjectDeleteOptions { PropagationPolicy = policy, Uid = obj.Uid() }).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Failure is StoreFailure.NotFound or StoreFailure.Conflict)
        {
            // Gone already, or replaced by a new object of the same name that this owner does not own.
        }
    }

    private Task RemoveOwnerReferenceAsync(GroupVersionResource resource, JsonObject obj, string ownerUid) =>
        UpdateAsync(resource, obj, metadata =>
        {
            if (metadata["ownerReferences"] is JsonArray references)
            {
                foreach (var reference in references.Where(r => r?["uid"]?.GetValue<string>() == ownerUid).ToList())
                {
                    references.Remove(reference);
                }

                if (references.Count == 0)
                {
                    metadata.Remove("ownerReferences");
                }
            }
        });

    private Task RemoveFinalizerAsync(GroupVersionResource resource, JsonObject obj, string finalizer) =>
        UpdateAsync(resource, obj, metadata =>
        {
            if (metadata["finalizers"] is JsonArray finalizers)
            {
                foreach (var entry in finalizers.Where(f => f?.GetValue<string>() == finalizer).ToList())
                {
                    finalizers.Remove(entry);
                }
            }
        });

    private async Task UpdateAsync(GroupVersionResource resource, JsonObject obj, Action<JsonObject> change)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var live = _store.Get(resource, obj.Namespace(), obj.Name());
            if (live is null || live.Uid() != obj.Uid())
            {
                return;
            }

            change(ObjectStore.Metadata(live));
            try
            {
                await _store.UpdateAsync(resource, live).ConfigureAwait(false);
                return;
            }
            catch (ObjectStoreException e) when (e.Failure == StoreFailure.Conflict)
            {
                // Someone wrote in between: read again and retry.
            }
        }
    }

    private static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray)?.Select(f => f?.GetValue<string>() ?? string.Empty).ToList() ?? [];

    private static HashSet<string> OwnerUids(JsonObject obj) =>
        ((obj["metadata"]?["ownerReferences"] as JsonArray) ?? [])
            .Select(reference => reference?["uid"]?.GetValue<string>() ?? string.Empty)
            .Where(uid => uid.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
}
