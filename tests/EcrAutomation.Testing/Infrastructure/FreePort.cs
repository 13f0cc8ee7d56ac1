using System.Net;
using System.Net.Sockets;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>Free TCP ports on 127.0.0.1 for servers the tests start.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (the OS picks it; the listener is closed again).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
