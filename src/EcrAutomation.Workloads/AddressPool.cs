using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EcrAutomation.Workloads;

/// <summary>
/// Hands out /30 blocks of an IPv4 range, one per sandbox: the block's first host address goes on the host's end of the
/// veth (the sandbox's gateway), the second on the sandbox's end. The lowest free block is taken first. Blocks are shared
/// by every host on the machine (several local clouds, test runs): a block is free when this host has not taken it and
/// no interface of the machine has its gateway address, checked under <see cref="MachineLock"/>.
/// </summary>
internal sealed class AddressPool
{
    private readonly IPNetwork _network;
    private readonly uint _base;
    private readonly int _slots;
    private readonly HashSet<int> _taken = [];
    private readonly Lock _gate = new();

    public AddressPool(IPNetwork network)
    {
        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork || network.PrefixLength > 30)
        {
            throw new ArgumentException($"The address pool {network} must be an IPv4 range of at least a /30 (for example 10.213.0.0/16).", nameof(network));
        }

        _network = network;
        _base = BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        _slots = (int)Math.Min(int.MaxValue, (1L << (32 - network.PrefixLength)) / 4);
    }

    /// <summary>Takes the lowest block not taken here whose gateway address is not in <paramref name="addressesInUse"/>; throws when none is left.</summary>
    public int Take(IReadOnlySet<IPAddress> addressesInUse)
    {
        lock (_gate)
        {
            for (var slot = 0; slot < _slots; slot++)
            {
                if (!_taken.Contains(slot) && !addressesInUse.Contains(GatewayOf(slot)))
                {
                    _taken.Add(slot);
                    return slot;
                }
            }

            throw new InvalidOperationException($"All {_slots} sandbox addresses of {_network} are in use; stop some tasks or pods, or give the host a larger address pool.");
        }
    }

    /// <summary>Returns a block to the pool once its sandbox is gone.</summary>
    public void Free(int slot)
    {
        lock (_gate)
        {
            _taken.Remove(slot);
        }
    }

    public IPAddress GatewayOf(int slot) => AddressAt(slot, 1);

    public IPAddress SandboxAddressOf(int slot) => AddressAt(slot, 2);

    private IPAddress AddressAt(int slot, int offset)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, _base + ((uint)slot * 4) + (uint)offset);
        return new IPAddress(bytes);
    }
}
