using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Http;

namespace EcrAutomation.KubernetesApi.Patching;

/// <summary>
/// Field ownership in <c>metadata.managedFields</c>: plain writes give their field manager the fields they changed
/// (operation Update); server-side apply (operation Apply) merges the applied configuration, removes fields the manager
/// applied before and no longer applies, and refuses with 409 Conflict to change a value another manager owns unless forced.
/// </summary>
internal static class FieldManagers
{
    private const string ClientSideApplyManager = "kubectl-client-side-apply";

    private sealed record Entry(string Manager, string Operation, string ApiVersion, string Time, HashSet<string> Fields);

    /// <summary>Records a non-apply write by <paramref name="manager"/> that turned <paramref name="before"/> into <paramref name="after"/>.</summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, string time)
    {
        // A write that sets managedFields itself (kubectl's client-side to server-side apply migration) is taken at its word.
        var explicitlySet = before is not null && after["metadata"]?["managedFields"] is JsonArray written
            && !JsonNode.DeepEquals(written, before["metadata"]?["managedFields"]);
        var entries = Read(before is null || explicitlySet ? after : before);
        var afterFields = FieldSet.Of(after);
        var changed = before is null
            ? afterFields
            : WithAncestors(FieldSet.Leaves(afterFields).Where(path => !JsonNode.DeepEquals(FieldSet.ValueAt(before, path), FieldSet.ValueAt(after, path))))
                .ToHashSet(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            entry.Fields.IntersectWith(afterFields);
            if (entry.Manager != manager)
            {
                entry.Fields.ExceptWith(FieldSet.Leaves(changed));
            }
        }

        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update");
        if (mine is null)
        {
            if (changed.Count == 0)
            {
                Write(after, entries);
                return;
            }

            mine = new Entry(manager, "Update", apiVersion, time, new HashSet<string>(StringComparer.Ordinal));
            entries.Add(mine);
        }

        mine.Fields.UnionWith(WithAncestors(changed));
        Write(after, entries.Select(e => e == mine && changed.Count > 0 ? e with { Time = time } : e).ToList());
    }

    /// <summary>The object after <paramref name="manager"/> applies <paramref name="configuration"/> to <paramref name="live"/> (null: create).</summary>
    public static JsonObject Apply(JsonObject? live, JsonObject configuration, string manager, bool force, string apiVersion, string time, string kind, string group)
    {
        var entries = live is null ? [] : Read(live);
        var applied = FieldSet.Of(configuration);
        var result = live is null ? configuration.DeepClone().AsObject() : StrategicMergePatch.Apply(live, configuration);
        if (live is not null)
        {
            var conflicts = new List<(string Path, string Field, string Manager, string ApiVersion)>();
            // A list item's "." marks that the item exists; it has no value of its own to conflict over.
            foreach (var path in FieldSet.Leaves(applied).Where(p => !p.EndsWith(FieldSet.Separator + ".", StringComparison.Ordinal)))
            {
                if (JsonNode.DeepEquals(FieldSet.ValueAt(live, path), FieldSet.ValueAt(configuration, path)) || FieldSet.ValueAt(live, path) is null)
                {
                    continue;
                }

                foreach (var owner in entries.Where(e => e.Manager != manager && e.Fields.Contains(path)))
                {
                    conflicts.Add((path, Display(path), owner.Manager, owner.ApiVersion));
                }
            }

            if (conflicts.Count > 0 && TakesOverClientSideApply(live, conflicts.Select(c => (c.Path, c.Manager))))
            {
                force = true;
            }

            if (conflicts.Count > 0 && !force)
            {
                var message = conflicts.Count == 1
                    ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\" using {conflicts[0].ApiVersion}: {conflicts[0].Field}"
                    : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", conflicts.Select(c => $"conflict with \"{c.Manager}\" using {c.ApiVersion}: {c.Field}"));
                var details = new JsonObject
                {
                    ["name"] = live["metadata"]?["name"]?.DeepClone(),
                    ["group"] = group,
                    ["kind"] = kind,
                    ["causes"] = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
                    {
                        ["reason"] = "FieldManagerConflict",
                        ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
                        ["field"] = c.Field,
                    }).ToArray()),
                };
                throw new ApiStatus(409, "Conflict", message, details);
            }

            if (force)
            {
                var taken = FieldSet.Leaves(applied).ToHashSet(StringComparer.Ordinal);
                foreach (var entry in entries.Where(e => e.Manager != manager))
                {
                    entry.Fields.ExceptWith(taken.Where(path => !JsonNode.DeepEquals(FieldSet.ValueAt(live, path), FieldSet.ValueAt(configuration, path))));
                }
            }

            var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply")?.Fields ?? [];
            var released = previous.Except(applied).Where(path => !entries.Any(e => e.Manager != manager && e.Fields.Contains(path)));
            foreach (var path in released.OrderByDescending(p => p.Length))
            {
                FieldSet.Remove(result, path);
            }

            entries.RemoveAll(e => e.Manager == manager && e.Operation == "Apply");
        }

        entries.Add(new Entry(manager, "Apply", apiVersion, time, applied));
        Write(result, entries);
        return result;
    }

    /// <summary>
    /// As a real server's last-applied manager: conflicts only with client-side apply, on fields whose live values are
    /// still what kubectl last applied, are not conflicts, so <c>kubectl apply --server-side</c> takes over such objects.
    /// </summary>
    private static bool TakesOverClientSideApply(JsonObject live, IEnumerable<(string Path, string Manager)> conflicts)
    {
        if (live["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]?.GetValue<string>() is not { } text)
        {
            return false;
        }

        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        return lastApplied is not null && conflicts.All(c =>
            c.Manager == ClientSideApplyManager && JsonNode.DeepEquals(FieldSet.ValueAt(lastApplied, c.Path), FieldSet.ValueAt(live, c.Path)));
    }

    private static IEnumerable<string> WithAncestors(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var segments = path.Split(FieldSet.Separator);
            for (var i = 1; i <= segments.Length; i++)
            {
                yield return string.Join(FieldSet.Separator, segments[..i]);
            }
        }
    }

    private static string Display(string path) =>
        string.Concat(path.Split(FieldSet.Separator).Where(s => s != ".").Select(s => s.StartsWith("f:", StringComparison.Ordinal) ? "." + s[2..] : $"[{s[2..].Trim('{', '}').Replace("\"", string.Empty, StringComparison.Ordinal).Replace(':', '=')}]"));

    private static List<Entry> Read(JsonObject obj) =>
        ((obj["metadata"]?["managedFields"] as JsonArray) ?? [])
            .OfType<JsonObject>()
            .Select(e => new Entry(
                e["manager"]?.GetValue<string>() ?? string.Empty,
                e["operation"]?.GetValue<string>() ?? "Update",
                e["apiVersion"]?.GetValue<string>() ?? string.Empty,
                e["time"]?.GetValue<string>() ?? string.Empty,
                FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject)))
            .ToList();

    private static void Write(JsonObject obj, List<Entry> entries)
    {
        var metadata = (JsonObject)(obj["metadata"] ??= new JsonObject());
        var list = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0 || e.Operation == "Apply"))
        {
            list.Add(new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldSet.ToFieldsV1(entry.Fields),
            });
        }

        metadata["managedFields"] = list;
    }
}
