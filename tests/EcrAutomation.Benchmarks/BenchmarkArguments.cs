using System.Globalization;

namespace EcrAutomation.Benchmarks;

/// <summary>The <c>--name value</c> options every benchmark reads from its arguments.</summary>
internal static class BenchmarkArguments
{
    /// <summary>The value after <paramref name="name"/>, or null when it is not given.</summary>
    public static string? String(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
