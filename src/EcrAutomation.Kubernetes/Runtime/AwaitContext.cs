using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>One wait for one object: where it is, how to report progress, and until when.</summary>
internal sealed class AwaitContext(ClusterConnection cluster, KubernetesKind kind, string? ns, string name, IResourceLog log, TimeSpan timeout, KubernetesProviderOptions options)
{
    private readonly DateTimeOffset _deadline = options.TimeProvider.GetUtcNow() + StopEarly(timeout);
    private string? _lastProgress;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public ClusterConnection Cluster { get; } = cluster;
    public KubernetesKind Kind { get; } = kind;
    public string? Namespace { get; } = ns;
    public string Name { get; } = name;
    public TimeSpan Timeout { get; } = timeout;
    public KubernetesProviderOptions Options { get; } = options;
    public string Display => Kind.Namespaced ? $"{Kind.Kind} '{Namespace}/{Name}'" : $"{Kind.Kind} '{Name}'";

    /// <summary>Stops a little before the engine's own timeout would cancel the call, so the error says why.</summary>
    private static TimeSpan StopEarly(TimeSpan timeout) => timeout - TimeSpan.FromTicks(Math.Min(timeout.Ticks / 10, TimeSpan.FromSeconds(5).Ticks));

    public bool PastDeadline => Options.TimeProvider.GetUtcNow() >= _deadline;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    /// <summary>Reports a progress message, once per change.</summary>
    public void Progress(string message)
    {
        if (message == _lastProgress) return;
        _lastProgress = message;
        log.Info(message);
    }

    /// <summary>Reports a problem, once per distinct message.</summary>
    public void Warn(string message)
    {
        if (_warned.Add(message)) log.Warning(message);
    }

    public Task DelayAsync(CancellationToken cancellationToken) => Task.Delay(Options.PollInterval, Options.TimeProvider, cancellationToken);
}
