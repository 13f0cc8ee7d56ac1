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
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })
                ?? throw ApiStatus.BadRequest("the request body is null");
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

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? string.Empty, Convert(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

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
