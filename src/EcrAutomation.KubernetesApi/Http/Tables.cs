using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>Builds <c>meta.k8s.io/v1 Table</c> responses: what <c>kubectl get</c> prints, with a real server's columns.</summary>
internal static class Tables
{
    public static JsonObject Build(ResourceDefinition definition, IEnumerable<JsonObject> objects, DateTimeOffset now, string includeObject)
    {
        var columns = new JsonArray(definition.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["format"] = c.Format,
            ["description"] = c.Name,
            ["priority"] = c.Priority,
        }).ToArray());
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject
            {
                ["cells"] = new JsonArray(definition.Columns.Select(c => Cell(c.Cell(obj, now))).ToArray()),
            };
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => obj.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                },
            };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject(),
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonNode Cell(object? value) => value switch
    {
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        string text => JsonValue.Create(text),
        null => JsonValue.Create("<none>"),
        _ => JsonValue.Create(value.ToString() ?? string.Empty),
    };
}
