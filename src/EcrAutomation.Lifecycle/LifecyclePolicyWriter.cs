using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcrAutomation.Lifecycle;

/// <summary>
/// Writes the canonical form: rules by priority, keys alphabetical, unset members and the default storage class
/// omitted, no whitespace.
/// </summary>
internal static class LifecyclePolicyWriter
{
    private static readonly JsonWriterOptions _options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(LifecyclePolicy policy)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, _options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("rules");
            foreach (var rule in policy.SortedRules())
            {
                WriteRule(writer, rule);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRule(Utf8JsonWriter writer, LifecycleRule rule)
    {
        writer.WriteStartObject();

        writer.WriteStartObject("action");
        if (rule.Action.TargetStorageClass is StorageClass target)
        {
            writer.WriteString("targetStorageClass", target.ToJson());
        }

        writer.WriteString("type", rule.Action.Type.ToJson());
        writer.WriteEndObject();

        if (rule.Description is not null)
        {
            writer.WriteString("description", rule.Description);
        }

        writer.WriteNumber("rulePriority", rule.RulePriority);

        var selection = rule.Selection;
        writer.WriteStartObject("selection");
        writer.WriteNumber("countNumber", selection.CountNumber);
        writer.WriteString("countType", selection.CountType.ToJson());
        if (selection.CountUnit is CountUnit unit)
        {
            writer.WriteString("countUnit", unit.ToJson());
        }

        // "standard" is the default: written or not, it is the same policy, so the canonical form leaves it out.
        if (selection.EffectiveStorageClass != StorageClass.Standard)
        {
            writer.WriteString("storageClass", selection.EffectiveStorageClass.ToJson());
        }

        WriteList(writer, "tagPatternList", selection.TagPatternList);
        WriteList(writer, "tagPrefixList", selection.TagPrefixList);
        writer.WriteString("tagStatus", selection.TagStatus.ToJson());
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
