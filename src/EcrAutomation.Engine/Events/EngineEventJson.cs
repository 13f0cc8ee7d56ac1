using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Events;

/// <summary>Serializes engine events to Pulumi's JSON event schema (one object per line for NDJSON).</summary>
public static class EngineEventJson
{
    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One event as a single line of JSON.</summary>
    public static string Serialize(EngineEvent e) => ToJson(e).ToJsonString(LineOptions);

    /// <summary>One event as a JSON object in Pulumi's schema (<c>{sequence, timestamp, &lt;kind&gt;Event: {...}}</c>).</summary>
    public static JsonObject ToJson(EngineEvent e)
    {
        var root = new JsonObject { ["sequence"] = e.Sequence, ["timestamp"] = e.Timestamp };
        switch (e)
        {
            case PreludeEvent p:
                root["preludeEvent"] = new JsonObject { ["config"] = new JsonObject(p.Config.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) };
                break;
            case StandardOutputEvent s:
                root["stdoutEvent"] = new JsonObject { ["message"] = s.Message, ["color"] = s.Color };
                break;
            case DiagnosticEvent d:
                var diag = new JsonObject();
                if (d.Urn is not null) diag["urn"] = d.Urn;
                if (d.Prefix is not null) diag["prefix"] = d.Prefix;
                diag["message"] = d.Message;
                diag["color"] = d.Color;
                diag["severity"] = WireNames.Of(d.Severity);
                if (d.Ephemeral) diag["ephemeral"] = true;
                root["diagnosticEvent"] = diag;
                break;
            case ResourcePreEvent pre:
                root["resourcePreEvent"] = WithPlanning(Metadata(pre.Metadata), pre.Planning);
                break;
            case ResourceOutputsEvent outputs:
                root["resOutputsEvent"] = WithPlanning(Metadata(outputs.Metadata), outputs.Planning);
                break;
            case ResourceOperationFailedEvent failed:
                root["resOpFailedEvent"] = new JsonObject { ["metadata"] = Metadata(failed.Metadata), ["status"] = failed.Status, ["steps"] = failed.Steps };
                break;
            case SummaryEvent s:
                root["summaryEvent"] = new JsonObject
                {
                    ["maybeCorrupt"] = s.MaybeCorrupt,
                    ["durationSeconds"] = s.DurationSeconds,
                    ["resourceChanges"] = new JsonObject(s.ResourceChanges.OrderBy(kv => kv.Key, WireNames.Order<OperationType>()).Select(kv => KeyValuePair.Create(WireNames.Of(kv.Key), (JsonNode?)kv.Value))),
                    ["PolicyPacks"] = new JsonObject(),
                    ["isPreview"] = s.IsPreview,
                    ["result"] = WireNames.Of(s.Result),
                };
                break;
            case CancelEvent:
                root["cancelEvent"] = new JsonObject();
                break;
        }
        return root;
    }

    private static JsonObject WithPlanning(JsonObject metadata, bool planning)
    {
        var o = new JsonObject { ["metadata"] = metadata };
        if (planning) o["planning"] = true;
        return o;
    }

    private static JsonObject Metadata(StepEventMetadata m)
    {
        var o = new JsonObject
        {
            ["op"] = WireNames.Of(m.Op),
            ["urn"] = m.Urn,
            ["type"] = m.Type,
            ["old"] = m.Old is null ? null : State(m.Old),
            ["new"] = m.New is null ? null : State(m.New),
        };
        if (m.Keys is { Count: > 0 }) o["keys"] = new JsonArray([.. m.Keys.Select(k => (JsonNode?)k)]);
        if (m.Diffs is { Count: > 0 }) o["diffs"] = new JsonArray([.. m.Diffs.Select(k => (JsonNode?)k)]);
        o["detailedDiff"] = m.DetailedDiff is null ? null : new JsonObject(m.DetailedDiff.Select(kv =>
            KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject { ["diffKind"] = WireNames.Of(kv.Value.Kind), ["inputDiff"] = kv.Value.InputDiff })));
        if (m.Logical) o["logical"] = true;
        o["provider"] = m.Provider;
        return o;
    }

    private static JsonObject State(StepEventStateMetadata s)
    {
        var o = new JsonObject { ["type"] = s.Type, ["urn"] = s.Urn };
        if (s.Custom) o["custom"] = true;
        if (s.Delete) o["delete"] = true;
        o["id"] = s.Id;
        o["parent"] = s.Parent;
        if (s.Protect) o["protect"] = true;
        if (s.RetainOnDelete) o["retainOnDelete"] = true;
        o["inputs"] = JsonSerializer.SerializeToNode(s.Inputs);
        o["outputs"] = JsonSerializer.SerializeToNode(s.Outputs);
        o["provider"] = s.Provider;
        return o;
    }
}
