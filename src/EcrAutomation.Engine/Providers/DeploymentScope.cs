using System.Collections.Concurrent;
using EcrAutomation.Deployment;

namespace EcrAutomation.Providers;

/// <summary>
/// What the providers and the program of one deployment run (one up, preview, refresh or destroy) share: connections and
/// caches, created on first use and disposed by the engine when the run ends. Nothing in it outlives the run or is seen
/// by another run, so two stacks in one process never share credentials or clients.
/// </summary>
public sealed class DeploymentScope : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _items = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>The scope of the run whose program is executing on this async flow; null outside a program.</summary>
    public static DeploymentScope? Current => DeploymentContext.Current?.Scope;

    /// <summary>
    /// The item stored under <paramref name="key"/>, created by <paramref name="create"/> on first use. A failed creation
    /// is not stored (the next call tries again). Items that are <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/>
    /// are disposed with the scope.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The run has ended.</exception>
    public T GetOrAdd<T>(string key, Func<T> create) where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var lazy = _items.GetOrAdd(key, _ => new Lazy<object>(create));
        try { return (T)lazy.Value; }
        catch
        {
            _items.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }

    /// <summary>Disposes every item created in this scope.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var lazy in _items.Values.Where(l => l.IsValueCreated))
        {
            switch (lazy.Value)
            {
                case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync().ConfigureAwait(false); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }
        }
        _items.Clear();
    }
}
