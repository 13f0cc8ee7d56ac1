using System.Globalization;
using System.Text.RegularExpressions;

namespace EcrAutomation.Yaml.Options;

/// <summary>Go's duration strings (<c>300ms</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5h</c>), the format of Pulumi's custom timeouts.</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"\G(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>The duration <paramref name="text"/> means, or null when it is not one.</summary>
    public static TimeSpan? Parse(string text)
    {
        if (text == "0") return TimeSpan.Zero;
        var total = 0.0;
        var at = 0;
        while (at < text.Length)
        {
            var match = Part().Match(text, at);
            if (!match.Success) return null;
            var amount = double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            total += amount * match.Groups[2].Value switch
            {
                "ns" => 1e-6,
                "us" or "µs" or "μs" => 1e-3,
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                _ => 3_600_000,
            };
            at += match.Length;
        }
        return at == 0 ? null : TimeSpan.FromMilliseconds(total);
    }
}
