using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// A level-triggered controller: watches resources in the store, turns each event into the keys of the objects to
/// reconcile, and reconciles them from the store's current state with a few workers. A write that loses an optimistic
/// concurrency race is simply retried with fresh state.
/// </summary>
internal abstract class Controller
{
    private const int Workers = 4;

    protected Controller(ObjectStore store, ClusterControllerOptions options)
    {
        Store = store;
        Options = options;
        Queue = new WorkQueue(Time);
    }

    protected ObjectStore Store { get; }

    protected ClusterControllerOptions Options { get; }

    protected TimeProvider Time => Options.TimeProvider;

    protected WorkQueue Queue { get; }

    /// <summary>The resources whose events this controller reacts to.</summary>
    protected abstract IEnumerable<GroupVersionResource> Watched { get; }

    /// <summary>The keys to reconcile when <paramref name="change"/> happens.</summary>
    protected abstract IEnumerable<string> KeysFor(ObjectEvent change);

    protected abstract Task ReconcileAsync(string key, CancellationToken cancellationToken);

    public IEnumerable<Task> Run(CancellationToken cancellationToken)
    {
        foreach (var resource in Watched)
        {
            var watch = Store.Watch(resource);
            yield return PumpAsync(watch, cancellationToken);
        }

        for (var i = 0; i < Workers; i++)
        {
            yield return WorkAsync(cancellationToken);
        }
    }

    private async Task PumpAsync(ObjectWatch watch, CancellationToken cancellationToken)
    {
        using (watch)
        {
            try
            {
                await foreach (var change in watch.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var key in KeysFor(change))
                    {
                        Queue.Add(key);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await Queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException ex) when (ex.Failure is StoreFailure.Conflict or StoreFailure.NotFound or StoreFailure.AlreadyExists)
            {
                Queue.AddAfter(key, TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A bug or a broken object must not stop the controller; try again later like a real one would.
                Options.Logger.LogError(ex, "{Controller} failed to reconcile {Key}; retrying in 5 s", GetType().Name, key);
                Queue.AddAfter(key, TimeSpan.FromSeconds(5), cancellationToken);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    protected List<JsonObject> List(GroupVersionResource resource, string? @namespace, string? labelSelector = null)
        => [.. Store.List(resource, new ObjectListOptions { Namespace = @namespace, LabelSelector = labelSelector }).Items];

    /// <summary>Writes <paramref name="changed"/> when it differs from <paramref name="original"/>, guarded by its resourceVersion.</summary>
    protected async Task<JsonObject> UpdateIfChangedAsync(GroupVersionResource resource, JsonObject original, JsonObject changed, CancellationToken cancellationToken)
        => JsonNode.DeepEquals(original, changed) ? changed : await Store.UpdateAsync(resource, changed, cancellationToken).ConfigureAwait(false);
}
