using System.Globalization;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test operations on JSON pointers.</summary>
internal static class JsonPatch
{
    /// <exception cref="FormatException">The patch is malformed or an operation does not apply (e.g. a failed test).</exception>
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new FormatException("a JSON patch must be a list of operations");
        }

        JsonNode document = target.DeepClone();
        foreach (var operation in operations)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw new FormatException("a JSON patch operation has no \"op\"");
            var path = operation["path"]?.GetValue<string>() ?? throw new FormatException($"the JSON patch operation {op} has no \"path\"");
            switch (op)
            {
                case "add":
                    document = Add(document, path, Value(operation));
                    break;
                case "remove":
                    document = Remove(document, path, out _);
                    break;
                case "replace":
                    document = Remove(document, path, out _);
                    document = Add(document, path, Value(operation));
                    break;
                case "move":
                    document = Remove(document, From(operation), out var moved);
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Get(document, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), operation["value"]))
                    {
                        throw new FormatException($"the JSON patch test at {path} failed");
                    }

                    break;
                default:
                    throw new FormatException($"unknown JSON patch operation \"{op}\"");
            }
        }

        return document as JsonObject ?? throw new FormatException("the JSON patch replaced the object with a non-object");
    }

    private static JsonNode? Value(JsonNode operation) =>
        operation.AsObject().TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new FormatException("the JSON patch operation has no \"value\"");

    private static string From(JsonNode operation) =>
        operation["from"]?.GetValue<string>() ?? throw new FormatException("the JSON patch operation has no \"from\"");

    private static string[] Segments(string path) =>
        path.Length == 0 ? [] : path.StartsWith('/')
            ? path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray()
            : throw new FormatException($"the JSON pointer \"{path}\" must start with /");

    private static JsonNode? Get(JsonNode? node, string path)
    {
        foreach (var segment in Segments(path))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonArray array when int.TryParse(segment, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < array.Count => array[i],
                _ => throw new FormatException($"the JSON patch path {path} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return value ?? throw new FormatException("a JSON patch cannot replace the object with null");
        }

        var parent = Get(document, "/" + string.Join('/', segments[..^1].Select(Escape)));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new FormatException($"the JSON patch path {path} does not exist");
        }

        return document;
    }

    private static JsonNode Remove(JsonNode document, string path, out JsonNode? removed)
    {
        var segments = Segments(path);
        var parent = Get(document, segments.Length <= 1 ? string.Empty : "/" + string.Join('/', segments[..^1].Select(Escape)));
        var last = segments.Length == 0 ? throw new FormatException("a JSON patch cannot remove the whole object") : segments[^1];
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(last, out removed):
                obj.Remove(last);
                return document;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < array.Count:
                removed = array[index];
                array.RemoveAt(index);
                return document;
            default:
                throw new FormatException($"the JSON patch path {path} does not exist");
        }
    }

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
