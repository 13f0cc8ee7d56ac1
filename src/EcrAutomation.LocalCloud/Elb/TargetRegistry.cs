using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// The targets registered in each target group and their health, checked as the target group's health check says.
/// ECS registers task addresses here; the <c>RegisterTargets</c>, <c>DeregisterTargets</c> and <c>DescribeTargetHealth</c>
/// API calls are answered from it, and the load balancers' front doors route to its healthy targets.
/// </summary>
internal sealed class TargetRegistry(ILogger logger) : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Applies a target group's settings from the load balancer model (health check, deregistration delay, use).</summary>
    public void Configure(TargetGroupRecord group)
    {
        lock (_sync)
        {
            GroupOf(group.Arn).Record = group;
        }
    }

    /// <summary>Forgets a deleted target group: its targets stop being checked and routed to.</summary>
    public void Forget(string targetGroupArn)
    {
        lock (_sync)
        {
            if (_groups.Remove(targetGroupArn, out var group))
            {
                foreach (var target in group.Targets.Values)
                {
                    target.Stop();
                }
            }
        }
    }

    /// <summary>Adds a target (idempotent; a draining target is registered afresh); it starts in <c>initial</c> and health checks begin.</summary>
    public void Register(string targetGroupArn, IPAddress ip, int port)
    {
        var endPoint = new IPEndPoint(ip, port);
        lock (_sync)
        {
            var group = GroupOf(targetGroupArn);
            if (group.Targets.TryGetValue(endPoint, out var existing))
            {
                if (!existing.IsDraining)
                {
                    return;
                }

                existing.Stop();
            }

            var target = new Target(endPoint, CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token));
            group.Targets[endPoint] = target;
            target.Loop = Task.Run(() => CheckLoopAsync(targetGroupArn, group, target));
        }
    }

    /// <summary>
    /// Starts draining a target: no new requests reach it, and it leaves the group when the deregistration delay has
    /// passed (the returned task completes then; at once when the target is not registered).
    /// </summary>
    public Task Deregister(string targetGroupArn, IPAddress ip, int port)
    {
        var endPoint = new IPEndPoint(ip, port);
        lock (_sync)
        {
            if (!_groups.TryGetValue(targetGroupArn, out var group) || !group.Targets.TryGetValue(endPoint, out var target))
            {
                return Task.CompletedTask;
            }

            if (target.Drained is { } draining)
            {
                return draining;
            }

            target.Stop();
            target.Drained = DrainAsync(group, target, group.Record?.DeregistrationDelay ?? TargetGroupRecord.DefaultDeregistrationDelay);
            return target.Drained;
        }
    }

    /// <summary>The target's health now (<see cref="TargetHealth.NotRegistered"/> when it is not in the group).</summary>
    public TargetHealth Health(string targetGroupArn, IPAddress ip, int port)
    {
        lock (_sync)
        {
            return _groups.TryGetValue(targetGroupArn, out var group) && group.Targets.TryGetValue(new IPEndPoint(ip, port), out var target)
                ? HealthOf(group, target)
                : TargetHealth.NotRegistered;
        }
    }

    /// <summary>Every registered target of a group (draining ones included) with its health, in registration order.</summary>
    public IReadOnlyList<(IPEndPoint Target, TargetHealth Health)> Describe(string targetGroupArn)
    {
        lock (_sync)
        {
            return _groups.TryGetValue(targetGroupArn, out var group)
                ? [.. group.Targets.Values.Select(t => (t.EndPoint, HealthOf(group, t)))]
                : [];
        }
    }

    /// <summary>
    /// The next target a request for the group goes to: round robin over the healthy targets or, when none is healthy,
    /// over all registered targets that are not draining (an ALB fails open); null when there are none.
    /// </summary>
    public IPEndPoint? Next(string targetGroupArn)
    {
        lock (_sync)
        {
            if (!_groups.TryGetValue(targetGroupArn, out var group))
            {
                return null;
            }

            var serving = group.Targets.Values.Where(t => !t.IsDraining).ToList();
            var healthy = serving.Where(t => HealthOf(group, t).State is TargetHealth.Healthy or TargetHealth.Unavailable).ToList();
            var candidates = healthy.Count > 0 ? healthy : serving;
            return candidates.Count == 0 ? null : candidates[group.NextIndex++ % candidates.Count].EndPoint;
        }
    }

    /// <summary>Completes when the target is healthy.</summary>
    public async Task WaitHealthyAsync(string targetGroupArn, IPAddress ip, int port, CancellationToken cancellationToken)
    {
        while (Health(targetGroupArn, ip, port).State != TargetHealth.Healthy)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] loops;
        lock (_sync)
        {
            loops = [.. _groups.Values.SelectMany(g => g.Targets.Values).Select(t => t.Loop)];
            _groups.Clear();
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        _http.Dispose();
        _disposed.Dispose();
    }

    private Group GroupOf(string arn)
    {
        if (!_groups.TryGetValue(arn, out var group))
        {
            _groups[arn] = group = new Group();
        }

        return group;
    }

    private static TargetHealth HealthOf(Group group, Target target)
    {
        if (target.IsDraining)
        {
            return TargetHealth.DeregistrationInProgress;
        }

        if (!group.InUse)
        {
            return TargetHealth.NotInUse;
        }

        return group.Settings.Enabled ? target.Health : TargetHealth.HealthCheckDisabled;
    }

    private async Task DrainAsync(Group group, Target target, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_sync)
        {
            if (group.Targets.TryGetValue(target.EndPoint, out var current) && current == target)
            {
                group.Targets.Remove(target.EndPoint);
            }
        }
    }

    private async Task CheckLoopAsync(string targetGroupArn, Group group, Target target)
    {
        var cancellation = target.Cancellation.Token;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                HealthCheckSettings settings;
                bool active;
                lock (_sync)
                {
                    settings = group.Settings;
                    active = group.InUse && settings.Enabled;
                    if (!active)
                    {
                        target.Reset();
                    }
                }

                if (active)
                {
                    var failure = await ProbeAsync(target.EndPoint, settings, cancellation).ConfigureAwait(false);
                    TargetHealth? changed;
                    lock (_sync)
                    {
                        changed = target.Record(failure, settings);
                    }

                    if (changed is not null)
                    {
                        logger.LogInformation("Target {Target} of {TargetGroup} is {State} {Reason}", target.EndPoint, targetGroupArn, changed.State, changed.Description);
                    }
                }

                await Task.Delay(settings.Interval, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    /// <summary>One health check; null when it passed, else the AWS reason for the failure.</summary>
    private async Task<TargetHealth?> ProbeAsync(IPEndPoint target, HealthCheckSettings settings, CancellationToken cancellationToken)
    {
        var port = settings.PortFor(target.Port);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            if (settings.Protocol is "HTTP" or "HTTPS")
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(settings.Protocol.ToLowerInvariant(), target.Address.ToString(), port, settings.Path).Uri);
                request.Headers.ConnectionClose = true;
                request.Headers.UserAgent.ParseAdd("ELB-HealthChecker/2.0");
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var code = (int)response.StatusCode;
                return settings.Matches(code) ? null : TargetHealth.ResponseCodeMismatch(code);
            }

            using var client = new TcpClient(target.AddressFamily);
            await client.ConnectAsync(target.Address, port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TargetHealth.TimedOut;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return TargetHealth.FailedHealthChecks;
        }
    }

    private sealed class Group
    {
        public TargetGroupRecord? Record { get; set; }

        public Dictionary<IPEndPoint, Target> Targets { get; } = [];

        public int NextIndex { get; set; }

        /// <summary>A group ECS registered into before the model knew it is checked with AWS's defaults.</summary>
        public HealthCheckSettings Settings => Record?.HealthCheck ?? HealthCheckSettings.Default;

        public bool InUse => Record is null || Record.LoadBalancerArns.Count > 0;
    }

    private sealed class Target(IPEndPoint endPoint, CancellationTokenSource cancellation)
    {
        private int _successes;
        private int _failures;

        public IPEndPoint EndPoint { get; } = endPoint;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public TargetHealth Health { get; private set; } = TargetHealth.RegistrationInProgress;

        public Task Loop { get; set; } = Task.CompletedTask;

        public Task? Drained { get; set; }

        public bool IsDraining => Drained is not null;

        public void Stop() => Cancellation.Cancel();

        public void Reset()
        {
            _successes = _failures = 0;
            Health = TargetHealth.RegistrationInProgress;
        }

        /// <summary>
        /// Counts one check against the thresholds; returns the new health when the state changed. As on AWS, a target in
        /// its initial checks is healthy after one passing check; an unhealthy one after the healthy threshold of them.
        /// </summary>
        public TargetHealth? Record(TargetHealth? failure, HealthCheckSettings settings)
        {
            var before = Health;
            if (failure is null)
            {
                _successes++;
                _failures = 0;
                if (Health.State == TargetHealth.Initial || (Health.State != TargetHealth.Healthy && _successes >= settings.HealthyThreshold))
                {
                    Health = TargetHealth.Passing;
                }
            }
            else
            {
                _failures++;
                _successes = 0;
                if (Health.State == TargetHealth.Unhealthy || _failures >= settings.UnhealthyThreshold)
                {
                    Health = failure;
                }
            }

            if (Health.State == TargetHealth.Initial)
            {
                Health = TargetHealth.InitialHealthChecking;
            }

            return Health.State == before.State ? null : Health;
        }
    }
}
