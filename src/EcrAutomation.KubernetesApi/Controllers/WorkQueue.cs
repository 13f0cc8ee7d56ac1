using System.Threading.Channels;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// A controller's queue of object keys, as client-go's workqueue: a key queued many times while waiting is handled once,
/// and a key is never handled by two workers at the same time (one queued while in progress runs again afterwards).
/// </summary>
internal sealed class WorkQueue
{
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _processing = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly TimeProvider _time;

    public WorkQueue(TimeProvider time) => _time = time;

    public void Add(string key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key) || _processing.Contains(key))
            {
                return;
            }
        }

        _ready.Writer.TryWrite(key);
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> (for retries and deadlines).</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = DelayedAddAsync(key, delay, cancellationToken);
    }

    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_dirty.Remove(key))
                {
                    _processing.Add(key);
                    return key;
                }
            }
        }
    }

    public void Done(string key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Contains(key);
        }

        if (again)
        {
            _ready.Writer.TryWrite(key);
        }
    }

    private async Task DelayedAddAsync(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
