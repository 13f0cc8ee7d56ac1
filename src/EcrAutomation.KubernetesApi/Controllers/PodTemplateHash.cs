using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The <c>pod-template-hash</c> label a Deployment gives each ReplicaSet: FNV-1a (32 bit) of the pod template, with the
/// collision count mixed in, its decimal digits mapped into Kubernetes' "safe" alphabet (no vowels, no look-alike
/// digits) as SafeEncodeString does. The template is
/// hashed in a canonical form (object keys sorted) so the same template always gives the same hash, however a client
/// ordered its fields.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject template, long collisionCount)
    {
        var copy = (JsonObject)template.DeepClone();
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
        }

        var bytes = Encoding.UTF8.GetBytes(Canonical(copy).ToJsonString());
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        if (collisionCount > 0)
        {
            foreach (var b in BitConverter.GetBytes(collisionCount))
            {
                hash = (hash ^ b) * 16777619u;
            }
        }

        var text = new StringBuilder();
        foreach (var digit in hash.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            text.Append(Alphabet[digit % Alphabet.Length]);
        }

        return text.ToString();
    }

    /// <summary>Whether two pod templates are the same apart from the hash label (how a Deployment finds its new ReplicaSet).</summary>
    public static bool EqualIgnoringHash(JsonObject a, JsonObject b)
    {
        JsonNode Strip(JsonObject template)
        {
            var copy = (JsonObject)template.DeepClone();
            if (copy["metadata"]?["labels"] is JsonObject labels)
            {
                labels.Remove(Label);
            }

            return Canonical(copy);
        }

        return JsonNode.DeepEquals(Strip(a), Strip(b));
    }

    private static JsonNode Canonical(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Canonical(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Canonical(item))]),
        _ => JsonNode.Parse(node.ToJsonString(JsonSerializerOptions.Default))!,
    };
}
