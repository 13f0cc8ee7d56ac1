using System.Diagnostics;
using System.Text.Json;

namespace EcrAutomation.State;

/// <summary>The content of a lock file: Pulumi's fields plus the process start time to tell a reused pid apart.</summary>
internal sealed record LockInfo(int Pid, string Username, string Hostname, DateTimeOffset Timestamp, long? ProcessStartTicks)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static LockInfo ForCurrentProcess(DateTimeOffset now)
    {
        using var p = Process.GetCurrentProcess();
        return new LockInfo(Environment.ProcessId, Environment.UserName, Environment.MachineName, now, p.StartTime.ToUniversalTime().Ticks);
    }

    /// <summary>A lock is stale when it was taken on this host by a process that is no longer running.</summary>
    public bool IsStale()
    {
        if (!string.Equals(Hostname, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var p = Process.GetProcessById(Pid);
            if (p.HasExited) return true;
            // A reused pid belongs to a process started at another time. Start times read by different processes can
            // differ by clock rounding, so only a clear difference counts: a live lock must never be taken for stale.
            return ProcessStartTicks is { } ticks && Math.Abs(p.StartTime.ToUniversalTime().Ticks - ticks) > TimeSpan.TicksPerSecond * 2;
        }
        catch (ArgumentException) { return true; }
        catch (InvalidOperationException) { return true; }
    }
}
