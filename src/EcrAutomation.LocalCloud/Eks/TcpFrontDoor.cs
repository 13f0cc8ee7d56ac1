using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// A TCP proxy on a loopback port for one port of a LoadBalancer Service, as a classic ELB/NLB forwards: each connection
/// goes to the next backend in turn (round robin over the ready endpoints), skipping backends that refuse; with no
/// backend the connection is closed at once. Backends change in place, connections already open keep theirs.
/// </summary>
internal sealed class TcpFrontDoor : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly ILogger _logger;
    private IReadOnlyList<IPEndPoint> _backends;
    private int _next = -1;

    public TcpFrontDoor(IReadOnlyList<IPEndPoint> backends, ILogger logger)
    {
        _backends = backends;
        _logger = logger;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    public IPEndPoint Endpoint { get; }

    public IReadOnlyList<IPEndPoint> Backends
    {
        get => Volatile.Read(ref _backends);
        set => Volatile.Write(ref _backends, value);
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using (client)
        {
            var backends = Backends;
            Socket? backend = null;
            for (var attempt = 0; attempt < backends.Count && backend is null; attempt++)
            {
                var target = backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Count)];
                var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(target, timeout.Token).ConfigureAwait(false);
                    backend = socket;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    _logger.LogDebug("Front door {Endpoint}: backend {Backend} refused: {Error}", Endpoint, target, ex.Message);
                    socket.Dispose();
                }
            }

            if (backend is null)
            {
                return;
            }

            using (backend)
            {
                client.NoDelay = true;
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var upstream = PumpAsync(client, backend, done.Token);
                var downstream = PumpAsync(backend, client, done.Token);
                await Task.WhenAny(Task.WhenAll(upstream, downstream), Task.Delay(Timeout.Infinite, done.Token)).ConfigureAwait(false);
                await done.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies one direction until its end closes, then half-closes the other side so the peer sees the end too.</summary>
    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
