using EcrAutomation.KubernetesApi.Controllers;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// The front doors of one cluster's LoadBalancer Services: a <see cref="TcpFrontDoor"/> per TCP Service port, and the
/// Service's host name registered in the local cloud's <see cref="FrontDoors"/> (at its port 80, else its first port), so
/// <c>ecr-automation local url &lt;hostname&gt;</c> and requests to the local cloud with that <c>Host</c> reach it.
/// </summary>
internal sealed class ServiceFrontDoors(FrontDoors registry, ILogger logger) : IServiceLoadBalancers, IAsyncDisposable
{
    public const string Kind = "eks-service";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Service> _services = new(StringComparer.Ordinal);
    private bool _disposed;

    public async Task<string> EnsureAsync(ServiceLoadBalancer balancer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return balancer.Hostname;
            }

            var key = Key(balancer.Namespace, balancer.Name);
            var ports = balancer.Ports.Where(p => p.Protocol == "TCP" && p.Port > 0).ToList();
            if (_services.TryGetValue(key, out var existing)
                && existing.Hostname == balancer.Hostname
                && existing.Doors.Keys.Order().SequenceEqual(ports.Select(p => p.Port).Order()))
            {
                foreach (var port in ports)
                {
                    existing.Doors[port.Port].Backends = port.Backends;
                }

                return balancer.Hostname;
            }

            if (existing is not null)
            {
                await RemoveAsync(key, existing).ConfigureAwait(false);
            }

            var doors = ports.ToDictionary(p => p.Port, p => new TcpFrontDoor(p.Backends, logger));
            _services[key] = new Service(balancer.Hostname, doors);
            if (doors.Count > 0)
            {
                var main = doors.TryGetValue(80, out var http) ? http : doors[ports[0].Port];
                registry.Register(balancer.Hostname, main.Endpoint, Kind);
                logger.LogInformation(
                    "Service {Namespace}/{Name}: load balancer {Hostname} on {Ports}",
                    balancer.Namespace, balancer.Name, balancer.Hostname, string.Join(", ", doors.Select(d => $"{d.Key} → {d.Value.Endpoint}")));
            }

            return balancer.Hostname;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var key = Key(@namespace, name);
            if (_services.TryGetValue(key, out var service))
            {
                await RemoveAsync(key, service).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            foreach (var (key, service) in _services.ToList())
            {
                await RemoveAsync(key, service).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RemoveAsync(string key, Service service)
    {
        _services.Remove(key);
        registry.Unregister(service.Hostname);
        foreach (var door in service.Doors.Values)
        {
            await door.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Key(string @namespace, string name) => $"{@namespace}/{name}";

    private sealed record Service(string Hostname, Dictionary<int, TcpFrontDoor> Doors);
}
