using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>Reads a request body as JSON (or YAML, or kubectl's protobuf); malformed bodies are 400 BadRequest.</summary>
internal static class RequestBody
{
    public static async Task<JsonNode> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (context.Request.ContentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase) == true)
        {
            return ProtobufBody.Decode(buffer.ToArray());
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiStatus.BadRequest("the request body is empty; send the object as JSON or YAML");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var duplicates = new List<string>();
            var node = ToNode(document.RootElement, string.Empty, duplicates) ?? throw ApiStatus.BadRequest("the request body is null");
            if (duplicates.Count > 0)
            {
                // As a real server: duplicate fields fail strict validation, otherwise the last one wins with a warning.
                var message = string.Join(", ", duplicates.Select(d => $"duplicate field \"{d}\""));
                if (context.Request.Query["fieldValidation"] == "Strict")
                {
                    throw ApiStatus.BadRequest($"strict decoding error: {message}");
                }

                context.Response.Headers.Append("Warning", $"299 - \"{message.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            }

            return node;
        }
        catch (JsonException json)
        {
            var contentType = context.Request.ContentType ?? string.Empty;
            if (!contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase))
            {
                throw ApiStatus.BadRequest($"the request body is not valid JSON: {json.Message}");
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 1 && Convert(stream.Documents[0].RootNode) is { } node
                ? node
                : throw ApiStatus.BadRequest("the request body must be exactly one YAML document");
        }
        catch (YamlException yaml)
        {
            throw ApiStatus.BadRequest($"error converting YAML to JSON: yaml: line {yaml.Start.Line}: {yaml.Message}");
        }
    }

    /// <summary>Builds the node tree eagerly (safe for concurrent readers later), keeping the last of duplicate fields.</summary>
    private static JsonNode? ToNode(JsonElement element, string path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (obj.ContainsKey(property.Name))
                    {
                        duplicates.Add(childPath);
                    }

                    obj[property.Name] = ToNode(property.Value, childPath, duplicates);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray(element.EnumerateArray().Select((item, i) => ToNode(item, $"{path}[{i}]", duplicates)).ToArray());
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    obj[(key as YamlScalarNode)?.Value ?? throw ApiStatus.BadRequest("error converting YAML to JSON: only scalar keys are supported")] = Convert(value);
                }

                return obj;
            case YamlSequenceNode list:
                return new JsonArray(list.Children.Select(Convert).ToArray());
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
