using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EcrAutomation.State;

/// <summary>
/// The content of a lock file: Pulumi's fields (<c>pid</c>, <c>username</c>, <c>hostname</c>, <c>timestamp</c>, so the
/// Pulumi CLI can name the holder too), the process start time to tell a reused pid apart, and for our lease lock the
/// acquisition's id, the operation and when the lease lapses unless renewed.
/// </summary>
internal sealed record LockInfo(int Pid, string Username, string Hostname, DateTimeOffset Timestamp, long? ProcessStartTicks,
    string? Id = null, string? Operation = null, DateTimeOffset? LeaseExpires = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static LockInfo ForCurrentProcess(DateTimeOffset now, string? operation = null, TimeSpan? lease = null)
    {
        using var p = Process.GetCurrentProcess();
        return new LockInfo(Environment.ProcessId, Environment.UserName, Environment.MachineName, now, p.StartTime.ToUniversalTime().Ticks,
            Guid.NewGuid().ToString(), operation, lease is { } l ? now + l : null);
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);

    /// <summary>The lock's content, or null when it is not a lock file we can read.</summary>
    public static LockInfo? Parse(byte[] json)
    {
        try { return JsonSerializer.Deserialize<LockInfo>(json, JsonOptions); }
        catch (JsonException) { return null; }
    }

    /// <summary>Who holds it, for messages: <c>user@host (pid N) at TIME</c>, the operation and the lease.</summary>
    public string Holder
    {
        get
        {
            var text = $"{Username}@{Hostname} (pid {Pid}) at {Timestamp.ToString("O", CultureInfo.InvariantCulture)}";
            if (Operation is not null) text += $", running {Operation}";
            if (LeaseExpires is { } until) text += $", lease until {until.ToString("O", CultureInfo.InvariantCulture)}";
            return text;
        }
    }

    /// <summary>The holder stopped renewing its lease (it was killed, or lost its connection) and the lease has run out.</summary>
    public bool LeaseLapsed(DateTimeOffset now) => LeaseExpires is { } until && now > until;

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
