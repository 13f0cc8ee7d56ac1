using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// The host names the local cloud serves on loopback ports. Cloud DNS names (ALBs, EKS LoadBalancer Services) do not
/// resolve on this machine, so requests reach them either on their loopback port directly or on the local cloud's own
/// port with the name in the <c>Host</c> header (as LocalStack routes <c>&lt;lb&gt;.elb.localhost.localstack.cloud</c>).
/// </summary>
internal sealed class FrontDoors
{
    private readonly ConcurrentDictionary<string, FrontDoor> _doors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every front door, ordered by host name.</summary>
    public IReadOnlyList<FrontDoor> All => [.. _doors.Values.OrderBy(d => d.HostName, StringComparer.Ordinal)];

    /// <summary>Serves <paramref name="hostName"/> at <paramref name="loopback"/>, replacing what served it before.</summary>
    public FrontDoor Register(string hostName, IPEndPoint loopback, string kind)
    {
        var door = new FrontDoor(hostName.ToLowerInvariant(), loopback, kind);
        _doors[door.HostName] = door;
        return door;
    }

    /// <summary>Stops serving <paramref name="hostName"/> (nothing happens when it is unknown).</summary>
    public void Unregister(string hostName) => _doors.TryRemove(hostName, out _);

    /// <summary>Finds the front door of a host name; a <c>Host</c> header's port, if any, is ignored.</summary>
    public bool TryResolve(string hostName, [NotNullWhen(true)] out FrontDoor? door)
    {
        var name = hostName;
        var colon = name.LastIndexOf(':');
        if (colon > 0 && name.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            name = name[..colon];
        }

        return _doors.TryGetValue(name.TrimEnd('.'), out door);
    }
}
