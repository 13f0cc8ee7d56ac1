using System.Globalization;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>The task-level CPU/memory combinations Fargate accepts, and awsx's cheapest-fit choice among them.</summary>
public static class FargateSizes
{
    /// <summary>Every valid combination, smallest first.</summary>
    public static IReadOnlyList<FargateSize> All { get; } = Build();

    private static List<FargateSize> Build()
    {
        var sizes = new List<FargateSize> { new(256, 512), new(256, 1024), new(256, 2048) };
        void Range(int cpu, int from, int to, int step) { for (var m = from; m <= to; m += step) sizes.Add(new FargateSize(cpu, m)); }
        Range(512, 1024, 4096, 1024);
        Range(1024, 2048, 8192, 1024);
        Range(2048, 4096, 16384, 1024);
        Range(4096, 8192, 30720, 1024);
        Range(8192, 16384, 61440, 4096);
        Range(16384, 32768, 122880, 8192);
        return sizes;
    }

    /// <summary>True when Fargate accepts this task-level pair.</summary>
    public static bool IsValid(int cpu, int memory) => All.Contains(new FargateSize(cpu, memory));

    /// <summary>
    /// The cheapest size with at least the requested CPU units and MiB (awsx's rule): e.g. 512 CPU + 128 MiB → 512/1024,
    /// nothing requested → 256/512. Throws when nothing is large enough.
    /// </summary>
    public static FargateSize CheapestFit(int requestedCpu, int requestedMemory) =>
        All.Where(s => s.Cpu >= requestedCpu && s.Memory >= requestedMemory).OrderBy(s => s.PriceWeight).ThenBy(s => s.Cpu).FirstOrDefault()
        ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Requested resources exceed the maximum allowed for Fargate: {requestedCpu} CPU units and {requestedMemory} MiB were requested, the largest task is 16384 CPU units (16 vCPU) with 122880 MiB (120 GB)."));

    /// <summary>Parses ECS's cpu strings: "512", "1 vCPU", "0.5 vcpu".</summary>
    public static int? ParseCpu(string? text) => Parse(text, "vcpu");

    /// <summary>Parses ECS's memory strings: "1024", "2 GB", "0.5gb".</summary>
    public static int? ParseMemory(string? text) => Parse(text, "gb");

    private static int? Parse(string? text, string unit)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToLowerInvariant();
        if (t.EndsWith(unit, StringComparison.Ordinal))
            return double.TryParse(t[..^unit.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? (int)Math.Round(v * 1024) : null;
        return int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
