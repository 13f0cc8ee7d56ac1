using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>
/// A live subscription to an <see cref="ObjectStore"/>'s changes (see <see cref="ObjectStore.Watch"/>). Events arrive in
/// resourceVersion order once durable; dispose the watch to stop receiving them. When the store closes, the reader completes.
/// </summary>
public sealed class ObjectWatch : IDisposable
{
    private readonly Channel<ObjectEvent> _channel;
    private readonly Action<ObjectWatch> _unsubscribe;
    private int _disposed;

    internal ObjectWatch(Channel<ObjectEvent> channel, Func<ObjectEvent, JsonObject?, ObjectEvent?> filter, long after, Action<ObjectWatch> unsubscribe)
    {
        _channel = channel;
        Filter = filter;
        After = after;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The events, in order: read with <c>ReadAllAsync</c> or <c>WaitToReadAsync</c>/<c>TryRead</c>.</summary>
    public ChannelReader<ObjectEvent> Events => _channel.Reader;

    internal Func<ObjectEvent, JsonObject?, ObjectEvent?> Filter { get; }

    /// <summary>Events at or below this resourceVersion were already delivered (or predate the watch).</summary>
    internal long After { get; set; }

    internal void Deliver(ObjectEvent change, JsonObject? previous)
    {
        if (change.ResourceVersion <= After)
        {
            return;
        }

        After = change.ResourceVersion;
        if (Filter(change, previous) is { } visible)
        {
            _channel.Writer.TryWrite(visible);
        }
    }

    internal void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>Stops the subscription and completes <see cref="Events"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe(this);
            Complete();
        }
    }
}
