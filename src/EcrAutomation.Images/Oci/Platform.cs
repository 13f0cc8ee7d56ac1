using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>A target platform such as <c>linux/amd64</c> or <c>linux/arm64/v8</c>.</summary>
public sealed record Platform
{
    /// <summary>The default platform; deliberately not the host's, so builds are the same on every machine.</summary>
    public static Platform LinuxAmd64 { get; } = new() { Os = "linux", Architecture = "amd64" };

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>Optional variant, e.g. <c>v8</c>.</summary>
    [JsonPropertyName("variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>Parses <c>os/arch[/variant]</c>.</summary>
    /// <exception cref="FormatException">The text is not of that form.</exception>
    public static Platform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new FormatException($"'{text}' is not a platform of the form os/arch[/variant], e.g. linux/amd64.");
        }

        var architecture = parts[1].ToLowerInvariant();
        var variant = parts.Length == 3 ? parts[2].ToLowerInvariant() : null;
        // Normalise the common aliases the way containerd does.
        (architecture, variant) = (architecture, variant) switch
        {
            ("x86_64" or "x86-64", _) => ("amd64", variant),
            ("aarch64", _) => ("arm64", variant),
            ("arm64", "v8") => ("arm64", null),
            _ => (architecture, variant),
        };
        return new Platform { Os = parts[0].ToLowerInvariant(), Architecture = architecture, Variant = variant };
    }

    /// <summary>Whether a manifest entry of an index matches this platform (a missing variant matches any).</summary>
    public bool Matches(Platform? other) =>
        other is not null
        && string.Equals(Os, other.Os, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Architecture, other.Architecture, StringComparison.OrdinalIgnoreCase)
        && (Variant is null || other.Variant is null || string.Equals(Variant, other.Variant, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
