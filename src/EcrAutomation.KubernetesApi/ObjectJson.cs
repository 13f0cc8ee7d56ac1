using System.Globalization;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi;

/// <summary>Reading and writing the Kubernetes object fields the store, the API and the controllers use, on <see cref="JsonObject"/>s, and the RFC 3339 timestamps Kubernetes writes.</summary>
internal static class ObjectJson
{
    public const string ControllerKindDeployment = "Deployment";

    public static JsonObject Metadata(this JsonObject obj) => obj.Child("metadata");

    public static JsonObject Spec(this JsonObject obj) => obj.Child("spec");

    public static JsonObject Status(this JsonObject obj) => obj.Child("status");

    public static string Name(this JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    public static string Namespace(this JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>() ?? string.Empty;

    public static string Uid(this JsonObject obj) => obj["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;

    public static long Generation(this JsonObject obj) => obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    public static bool IsTerminating(this JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>The child object <paramref name="name"/>, created empty when missing.</summary>
    public static JsonObject Child(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = [];
        obj[name] = child;
        return child;
    }

    public static string? Text(this JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int Int(this JsonNode? node, int fallback) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : fallback;

    public static Dictionary<string, string> Labels(this JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                map[key] = value?.ToString() ?? string.Empty;
            }
        }

        return map;
    }

    public static string? Annotation(this JsonObject obj, string name) => obj["metadata"]?["annotations"]?[name].Text();

    public static void SetAnnotation(this JsonObject obj, string name, string value) => obj.Metadata().Child("annotations")[name] = value;

    /// <summary>Whether <paramref name="obj"/>'s controlling owner reference points at the object with <paramref name="ownerUid"/>.</summary>
    public static bool IsControlledBy(this JsonObject obj, string ownerUid) => ControllerOf(obj)?["uid"].Text() == ownerUid;

    public static JsonObject? ControllerOf(JsonObject obj)
        => (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => r["controller"]?.GetValue<bool>() == true);

    public static JsonObject OwnerReference(JsonObject owner, string kind) => new()
    {
        ["apiVersion"] = owner["apiVersion"]?.GetValue<string>() ?? "apps/v1",
        ["kind"] = kind,
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>RFC 3339 with seconds, as Kubernetes writes timestamps.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(JsonNode? node)
        => node.Text() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static JsonObject? Condition(this JsonObject obj, string type)
        => (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"].Text() == type);

    /// <summary>
    /// Sets a status condition the way Kubernetes does: <c>lastTransitionTime</c> changes only when the status flips,
    /// <c>lastUpdateTime</c> (for kinds that have it) whenever the condition is written with a new reason or message.
    /// </summary>
    public static void SetCondition(this JsonObject obj, string type, bool status, string reason, string message, DateTimeOffset now, bool withUpdateTime, bool touch = false)
    {
        var conditions = obj.Status()["conditions"] as JsonArray;
        if (conditions is null)
        {
            conditions = [];
            obj.Status()["conditions"] = conditions;
        }

        var text = status ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"].Text() == type);
        var transition = existing is not null && existing["status"].Text() == text ? existing["lastTransitionTime"]?.DeepClone() : Timestamp(now);
        var unchanged = existing is not null && existing["status"].Text() == text
            && (existing["reason"].Text() ?? string.Empty) == reason && (existing["message"].Text() ?? string.Empty) == message;
        var condition = new JsonObject { ["type"] = type, ["status"] = text };
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = unchanged && !touch ? existing!["lastUpdateTime"]?.DeepClone() : Timestamp(now);
        }

        condition["lastTransitionTime"] = transition;
        if (reason.Length > 0)
        {
            condition["reason"] = reason;
        }

        if (message.Length > 0)
        {
            condition["message"] = message;
        }

        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }
}
