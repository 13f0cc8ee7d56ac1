using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Patching;

/// <summary>
/// The set of fields an object (or applied configuration) sets, as server-side apply tracks ownership: paths of
/// <c>f:&lt;field&gt;</c> and <c>k:{&lt;merge key&gt;}</c> segments, convertible to and from <c>managedFields[].fieldsV1</c>.
/// </summary>
internal static class FieldSet
{
    public const char Separator = '\u001f';

    // Item keys (k:{"name":"web"}) recur across objects and requests; parsed once (bounded by the distinct keys in use).
    private static readonly ConcurrentDictionary<string, JsonObject?> ItemKeys = new(StringComparer.Ordinal);
    private static readonly HashSet<string> IgnoredMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
    };

    public static HashSet<string> Of(JsonObject obj)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "status" || value is null)
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata.Where(p => !IgnoredMetadata.Contains(p.Key) && p.Value is not null))
                {
                    // As in FieldsV1 (and so in a set read back from managedFields): metadata is a node of its own.
                    set.Add("f:metadata");
                    Walk(metaValue!, metaKey, $"f:metadata{Separator}f:{metaKey}", set);
                }

                continue;
            }

            Walk(value, key, $"f:{key}", set);
        }

        return set;
    }

    /// <summary>The leaf paths: fields whose value (not a nested structure) the set owns.</summary>
    public static IEnumerable<string> Leaves(HashSet<string> set)
    {
        // In ordinal order a path's children follow it directly (the separator sorts below every name character).
        var sorted = set.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i + 1 == sorted.Count || !sorted[i + 1].StartsWith(sorted[i] + Separator, StringComparison.Ordinal))
            {
                yield return sorted[i];
            }
        }
    }

    public static JsonNode? ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split(Separator))
        {
            if (segment == ".")
            {
                continue;
            }

            node = segment.StartsWith("f:", StringComparison.Ordinal) ? (node as JsonObject)?[segment[2..]]
                : segment.StartsWith("k:", StringComparison.Ordinal) ? FindItem(node as JsonArray, segment)
                : null;
        }

        return node;
    }

    /// <summary>Removes the field (or, for a list item's <c>.</c> path, the item) at <paramref name="path"/>.</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var segments = path.Split(Separator);
        if (segments[^1] == ".")
        {
            segments = segments[..^1];
        }

        JsonNode? parent = obj;
        foreach (var segment in segments[..^1])
        {
            parent = segment.StartsWith("f:", StringComparison.Ordinal) ? (parent as JsonObject)?[segment[2..]] : FindItem(parent as JsonArray, segment);
        }

        var last = segments[^1];
        if (last.StartsWith("f:", StringComparison.Ordinal))
        {
            (parent as JsonObject)?.Remove(last[2..]);
        }
        else if (parent is JsonArray list && FindItem(list, last) is { } item)
        {
            list.Remove(item);
        }
    }

    public static JsonObject ToFieldsV1(HashSet<string> set)
    {
        var root = new JsonObject();
        foreach (var path in set.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                if (node[segment] is not JsonObject child)
                {
                    child = [];
                    node[segment] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Visit(JsonObject node, string prefix)
        {
            foreach (var (key, value) in node)
            {
                var path = prefix.Length == 0 ? key : prefix + Separator + key;
                set.Add(path);
                if (value is JsonObject child)
                {
                    Visit(child, path);
                }
            }
        }

        if (fields is not null)
        {
            Visit(fields, string.Empty);
        }

        return set;
    }

    private static void Walk(JsonNode value, string field, string path, HashSet<string> set)
    {
        set.Add(path);
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.Where(p => p.Value is not null))
                {
                    Walk(child!, key, $"{path}{Separator}f:{key}", set);
                }

                break;
            case JsonArray list when MergeKeys.For(field, list) is { } mergeKey && list.All(i => i is JsonObject o && o[mergeKey] is not null):
                foreach (var item in list.OfType<JsonObject>())
                {
                    var itemPath = $"{path}{Separator}k:{ItemKey(mergeKey, item)}";
                    set.Add(itemPath);
                    set.Add($"{itemPath}{Separator}.");
                    foreach (var (key, child) in item.Where(p => p.Value is not null))
                    {
                        Walk(child!, key, $"{itemPath}{Separator}f:{key}", set);
                    }
                }

                break;
        }
    }

    private static string ItemKey(string mergeKey, JsonObject item) =>
        new JsonObject { [mergeKey] = item[mergeKey]!.DeepClone() }.ToJsonString();

    private static JsonNode? FindItem(JsonArray? list, string segment)
    {
        if (list is null)
        {
            return null;
        }

        var key = ItemKeys.GetOrAdd(segment, static text =>
        {
            try
            {
                var parsed = JsonNode.Parse(text[2..]) as JsonObject;
                _ = parsed?.Count; // materialized here, so concurrent readers only read
                return parsed;
            }
            catch (JsonException)
            {
                return null;
            }
        });
        if (key is null)
        {
            return null;
        }

        return list.OfType<JsonObject>().FirstOrDefault(item => key.All(k => JsonNode.DeepEquals(item[k.Key], k.Value)));
    }
}
