using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>
/// <c>fn::toJSON</c>'s encoding, as pulumi-yaml's (Go's <c>json.Marshal</c>): compact, object keys in ordinal order,
/// whole numbers without a fraction, exponents as Go writes them (<c>1e+21</c>, <c>1e-7</c>).
/// </summary>
internal static partial class JsonText
{
    [GeneratedRegex("E([+-])0*([0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Exponent();

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON text of a resolved runtime value (no outputs inside).</summary>
    /// <exception cref="YamlProgramException">The value holds something JSON cannot (a resource, an asset).</exception>
    public static string Write(object? value, SourceSpan span)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) WriteValue(writer, value, span);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, SourceSpan span)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e21:
                writer.WriteRawValue(((decimal)d).ToString(CultureInfo.InvariantCulture)); break;
            case double d when double.IsFinite(d):
                writer.WriteRawValue(Exponent().Replace(d.ToString("R", CultureInfo.InvariantCulture), "e$1$2")); break;
            case double d: throw EvaluationError.At(span, $"failed to encode JSON: unsupported value: {d.ToString(CultureInfo.InvariantCulture)}");
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    WriteValue(writer, v, span);
                }
                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list) WriteValue(writer, item, span);
                writer.WriteEndArray();
                break;
            default:
                throw EvaluationError.At(span, $"failed to encode JSON: {YamlValues.Describe(value)} has no JSON form");
        }
    }
}
