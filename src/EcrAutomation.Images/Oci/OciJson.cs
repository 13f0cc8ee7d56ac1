using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcrAutomation.Images.Oci;

/// <summary>The one JSON configuration used for every OCI document this library writes or reads.</summary>
public static class OciJson
{
    /// <summary>Compact output, declaration order, relaxed escaping (so <c>+</c> and <c>&lt;</c> stay readable).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>Serialises a document to UTF-8 bytes.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserialises a document, throwing <see cref="FormatException"/> on malformed input.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new FormatException($"Empty {typeof(T).Name} document.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Malformed {typeof(T).Name} document: {ex.Message}", ex);
        }
    }
}
