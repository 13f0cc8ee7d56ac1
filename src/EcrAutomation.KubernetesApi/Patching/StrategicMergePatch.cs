using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Patching;

/// <summary>
/// Strategic merge patch as the API server applies it to built-in types: objects merge, lists with a merge key
/// (<see cref="MergeKeys"/>) merge item by item, other lists replace; directives <c>$patch</c> (replace, delete, merge),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>.
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <exception cref="FormatException">A directive is malformed.</exception>
    public static JsonObject Apply(JsonObject original, JsonObject patch) =>
        MergeObject(original, patch) ?? throw new FormatException("a strategic merge patch cannot delete the whole object");

    private static JsonObject? MergeObject(JsonObject? original, JsonObject patch)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                return StripDirectives(patch);
            case null or "merge":
                break;
            default:
                throw new FormatException($"unknown strategic merge patch directive $patch: {patch["$patch"]}");
        }

        var result = original?.DeepClone().AsObject() ?? [];
        var orders = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (key == "$patch" || key == "$retainKeys")
            {
                continue;
            }

            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                orders[key[SetElementOrder.Length..]] = value as JsonArray ?? throw new FormatException($"{key} must be a list");
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray removed)
                {
                    foreach (var item in list.Where(i => removed.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject patchChild)
            {
                var merged = MergeObject(result[key] as JsonObject, patchChild);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray patchList)
            {
                result[key] = MergeList(key, result[key] as JsonArray, patchList);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        foreach (var (field, order) in orders)
        {
            if (result[field] is JsonArray list)
            {
                result[field] = Order(field, list, order);
            }
        }

        if (patch["$retainKeys"] is JsonArray retained)
        {
            var keep = retained.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        if (patch.OfType<JsonObject>().Any(i => i["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.Where(i => i is not JsonObject o || o["$patch"] is null).Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray());
        }

        if (MergeKeys.IsPrimitiveSet(field))
        {
            var merged = original?.DeepClone().AsArray() ?? [];
            foreach (var item in patch.Where(i => !merged.Any(m => JsonNode.DeepEquals(m, i))))
            {
                merged.Add(item?.DeepClone());
            }

            return merged;
        }

        var key = MergeKeys.For(field, patch.Concat(original ?? []));
        if (key is null || original is null || patch.Any(i => i is not JsonObject))
        {
            return new JsonArray(patch.Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray());
        }

        var result = original.DeepClone().AsArray();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[key];
            var existing = result.OfType<JsonObject>().FirstOrDefault(o => JsonNode.DeepEquals(o[key], id));
            var directive = item["$patch"]?.GetValue<string>();
            if (directive == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                result.Add(StripDirectives(item));
            }
            else
            {
                var index = result.IndexOf(existing);
                result[index] = MergeObject(existing, item);
            }
        }

        return result;
    }

    private static JsonArray Order(string field, JsonArray list, JsonArray order)
    {
        var key = MergeKeys.For(field, list);
        int Position(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var matches = key is not null && item is JsonObject obj && order[i] is JsonObject wanted
                    ? JsonNode.DeepEquals(obj[key], wanted[key])
                    : JsonNode.DeepEquals(item, order[i]);
                if (matches)
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        return new JsonArray(list.Select((item, index) => (item, index)).OrderBy(p => Position(p.item)).ThenBy(p => p.index).Select(p => p.item?.DeepClone()).ToArray());
    }

    private static JsonObject StripDirectives(JsonObject obj)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            clean[key] = value switch
            {
                JsonObject child => StripDirectives(child),
                JsonArray list => new JsonArray(list.Select(i => i is JsonObject o ? StripDirectives(o) : i?.DeepClone()).ToArray()),
                _ => value?.DeepClone(),
            };
        }

        return clean;
    }
}
