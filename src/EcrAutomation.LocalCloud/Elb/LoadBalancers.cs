using System.Net;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// The running side of the ELBv2 model: every listener of an application load balancer served on a loopback port
/// (<see cref="ListenerFrontDoor"/>), each ALB's DNS name registered in <see cref="FrontDoors"/> (on its port-80
/// listener, else its lowest port), and every target group's settings applied to the <see cref="TargetRegistry"/>.
/// </summary>
internal sealed class LoadBalancers(TargetRegistry targets, FrontDoors doors, IHttpForwarder forwarder, ILogger logger) : IAsyncDisposable
{
    public const string FrontDoorKind = "alb";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ElbSnapshot> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListenerFrontDoor> _listeners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dnsNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _targetGroups = new(StringComparer.Ordinal);
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    });

    private bool _disposed;
    private volatile IReadOnlyDictionary<string, TargetGroupRecord> _groupIndex = new Dictionary<string, TargetGroupRecord>();

    /// <summary>The target group of an ARN from the model, or null when moto does not have it.</summary>
    public TargetGroupRecord? TargetGroup(string arn) => _groupIndex.GetValueOrDefault(arn);

    /// <summary>Makes the running listeners, front doors and target groups match a region's new snapshot.</summary>
    public async Task ApplyAsync(string region, ElbSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _regions[region] = snapshot;
            var groups = _regions.Values.SelectMany(r => r.TargetGroups).ToList();
            foreach (var group in groups)
            {
                targets.Configure(group);
            }

            foreach (var gone in _targetGroups.Except(groups.Select(g => g.Arn)).ToList())
            {
                targets.Forget(gone);
                _targetGroups.Remove(gone);
            }

            _targetGroups.UnionWith(groups.Select(g => g.Arn));
            _groupIndex = groups.DistinctBy(g => g.Arn).ToDictionary(g => g.Arn, StringComparer.Ordinal);

            var applicationBalancers = _regions.Values.SelectMany(r => r.LoadBalancers).Where(b => b.Type == "application").ToDictionary(b => b.Arn, StringComparer.Ordinal);
            var wanted = _regions.Values.SelectMany(r => r.Listeners).Where(l => applicationBalancers.ContainsKey(l.LoadBalancerArn)).ToDictionary(l => l.Arn, StringComparer.Ordinal);
            foreach (var arn in _listeners.Keys.Except(wanted.Keys).ToList())
            {
                await _listeners[arn].DisposeAsync().ConfigureAwait(false);
                _listeners.Remove(arn);
                logger.LogInformation("Stopped serving listener {Listener}", arn);
            }

            foreach (var listener in wanted.Values)
            {
                if (_listeners.TryGetValue(listener.Arn, out var running))
                {
                    running.Listener = listener;
                    continue;
                }

                var door = await ListenerFrontDoor.StartAsync(listener, targets, forwarder, _client, cancellationToken).ConfigureAwait(false);
                _listeners[listener.Arn] = door;
                logger.LogInformation("Serving listener {Listener} (port {Port}) on {EndPoint}", listener.Arn, listener.Port, door.EndPoint);
            }

            var served = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var balancer in applicationBalancers.Values)
            {
                var main = _listeners.Values.Where(d => d.Listener.LoadBalancerArn == balancer.Arn)
                    .OrderBy(d => d.Listener.Port == 80 ? 0 : 1).ThenBy(d => d.Listener.Port).FirstOrDefault();
                if (main is not null)
                {
                    doors.Register(balancer.DnsName, main.EndPoint, FrontDoorKind);
                    served.Add(balancer.DnsName);
                }
            }

            foreach (var name in _dnsNames.Except(served, StringComparer.OrdinalIgnoreCase).ToList())
            {
                doors.Unregister(name);
            }

            _dnsNames.Clear();
            _dnsNames.UnionWith(served);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes every listener and removes the load balancers' front doors.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            foreach (var door in _listeners.Values)
            {
                await door.DisposeAsync().ConfigureAwait(false);
            }

            _listeners.Clear();
            foreach (var name in _dnsNames)
            {
                doors.Unregister(name);
            }

            _dnsNames.Clear();
            _client.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
