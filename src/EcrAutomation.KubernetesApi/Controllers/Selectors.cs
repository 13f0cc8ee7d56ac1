using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>Label selectors as objects carry them (<c>matchLabels</c>/<c>matchExpressions</c>, or a Service's plain map).</summary>
internal static class Selectors
{
    /// <summary>A workload selector (<c>spec.selector</c> of a Deployment or ReplicaSet) as query text; empty matches everything.</summary>
    public static string FromLabelSelector(JsonNode? selector)
    {
        var parts = new List<string>();
        foreach (var (key, value) in ObjectJson.StringMap(selector?["matchLabels"]))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"].Text();
            var values = string.Join(',', (expression["values"] as JsonArray ?? []).Select(v => v.Text()));
            parts.Add(expression["operator"].Text() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key!,
                _ => "!" + key,
            });
        }

        return string.Join(',', parts);
    }

    /// <summary>A Service's <c>spec.selector</c> map as query text.</summary>
    public static string FromMap(IReadOnlyDictionary<string, string> labels) => string.Join(',', labels.Select(p => $"{p.Key}={p.Value}"));

    public static bool Matches(string selector, JsonObject obj) => LabelSelector.Parse(selector).Matches(obj);
}
