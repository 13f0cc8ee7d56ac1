namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A node group taint; <see cref="Effect"/> is AWS's spelling (NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE).</summary>
internal sealed record EksTaint(string Key, string? Value, string Effect);
