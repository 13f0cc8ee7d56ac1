using System.Text.Json;

namespace EcrAutomation.Lifecycle;

/// <summary>
/// Reads policy text into the model, reporting JSON-level problems (syntax, types, missing or unknown members, enum
/// values, nulls) in the JSON-schema style ECR uses; semantic checks are left to <see cref="LifecyclePolicyValidator"/>.
/// </summary>
internal static class LifecyclePolicyParser
{
    private static readonly string[] _policyMembers = ["rules"];
    private static readonly string[] _ruleRequired = ["action", "rulePriority", "selection"];
    private static readonly string[] _ruleMembers = ["action", "description", "rulePriority", "selection"];
    private static readonly string[] _selectionRequired = ["countNumber", "countType", "tagStatus"];
    private static readonly string[] _selectionMembers =
        ["countNumber", "countType", "countUnit", "storageClass", "tagPatternList", "tagPrefixList", "tagStatus"];
    private static readonly string[] _actionRequired = ["type"];
    private static readonly string[] _actionMembers = ["targetStorageClass", "type"];
    private static readonly string[] _targetStorageClasses = ["archive"];

    public static LifecyclePolicy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new LifecyclePolicyValidationException(LifecycleMessages.CouldNotMap);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LifecyclePolicyValidationException(LifecycleMessages.CouldNotMap);
            }

            var members = Members(root);
            var context = new RuleContext(null, null);
            CheckMembers(members, _policyMembers, _policyMembers, context, field: null);
            var rulesElement = members["rules"];
            if (rulesElement.ValueKind != JsonValueKind.Array)
            {
                // moto's (and so far AWS's observed) answer when "rules" is not a list.
                throw new LifecyclePolicyValidationException(
                    LifecycleMessages.MissingProperties(_policyMembers), field: "rules", hint: $"must be a list of rules, not {TypeName(rulesElement)}");
            }

            var rules = new List<LifecycleRule>(rulesElement.GetArrayLength());
            var index = 0;
            foreach (var ruleElement in rulesElement.EnumerateArray())
            {
                rules.Add(ParseRule(ruleElement, index++));
            }

            var policy = new LifecyclePolicy(rules.ToArray());
            LifecyclePolicyValidator.Validate(policy);
            return policy;
        }
    }

    private static LifecycleRule ParseRule(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Fail(LifecycleMessages.WrongType(TypeName(element), "object"), new RuleContext(index, null), field: null);
        }

        var members = Members(element);
        int? knownPriority = members.TryGetValue("rulePriority", out var p) && p.ValueKind == JsonValueKind.Number
            && p.TryGetInt32(out var pv) && pv >= 1 ? pv : null;
        var context = new RuleContext(index, knownPriority);
        CheckMembers(members, _ruleRequired, _ruleMembers, context, field: null);

        var priority = ReadInteger(members["rulePriority"], context, "rulePriority");
        string? description = null;
        if (members.TryGetValue("description", out var d))
        {
            description = d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : throw Fail(LifecycleMessages.WrongType(TypeName(d), "string"), context, "description");
        }

        var selection = ParseSelection(RequireObject(members["selection"], context, "selection"), context);
        var action = ParseAction(RequireObject(members["action"], context, "action"), context);
        return new LifecycleRule(priority, description, selection, action);
    }

    private static LifecycleSelection ParseSelection(Dictionary<string, JsonElement> members, RuleContext context)
    {
        CheckMembers(members, _selectionRequired, _selectionMembers, context, "selection");
        foreach (var (name, value) in members)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                throw Fail(LifecycleMessages.NoSchemaMatched, context, "selection." + name, NullNotAllowed);
            }
        }

        var tagStatus = ReadEnum(members["tagStatus"], LifecycleJsonNames.TagStatuses, context, "selection.tagStatus");

        // An unknown countType matches neither of the two rule schemas (count-based, age-based).
        var countTypeElement = members["countType"];
        if (countTypeElement.ValueKind != JsonValueKind.String
            || !LifecycleJsonNames.CountTypes.TryGetValue(countTypeElement.GetString()!, out var countType))
        {
            var given = countTypeElement.ValueKind == JsonValueKind.String ? $"\"{countTypeElement.GetString()}\"" : TypeName(countTypeElement);
            throw Fail(
                LifecycleMessages.NoSchemaMatched,
                context,
                "selection.countType",
                $"{given} is not one of {string.Join(", ", LifecycleJsonNames.CountTypes.Keys.Order(StringComparer.Ordinal))}");
        }

        CountUnit? countUnit = members.TryGetValue("countUnit", out var u)
            ? ReadEnum(u, LifecycleJsonNames.CountUnits, context, "selection.countUnit")
            : null;
        var countNumber = ReadInteger(members["countNumber"], context, "selection.countNumber");
        var prefixes = members.TryGetValue("tagPrefixList", out var pl) ? ReadStrings(pl, context, "selection.tagPrefixList") : null;
        var patterns = members.TryGetValue("tagPatternList", out var tl) ? ReadStrings(tl, context, "selection.tagPatternList") : null;
        StorageClass? storageClass = members.TryGetValue("storageClass", out var sc)
            ? ReadEnum(sc, LifecycleJsonNames.StorageClasses, context, "selection.storageClass")
            : null;
        return new LifecycleSelection(tagStatus, countType, countNumber, countUnit, prefixes, patterns, storageClass);
    }

    private static LifecycleAction ParseAction(Dictionary<string, JsonElement> members, RuleContext context)
    {
        CheckMembers(members, _actionRequired, _actionMembers, context, "action");
        var type = ReadEnum(members["type"], LifecycleJsonNames.ActionTypes, context, "action.type");
        StorageClass? target = null;
        if (members.TryGetValue("targetStorageClass", out var t))
        {
            const string field = "action.targetStorageClass";
            if (t.ValueKind == JsonValueKind.Null)
            {
                throw Fail(LifecycleMessages.NoSchemaMatched, context, field, NullNotAllowed);
            }

            if (t.ValueKind != JsonValueKind.String)
            {
                throw Fail(LifecycleMessages.WrongType(TypeName(t), "string"), context, field);
            }

            if (t.GetString() != "archive")
            {
                throw Fail(LifecycleMessages.NotInEnum(t.GetString()!, _targetStorageClasses), context, field);
            }

            target = StorageClass.Archive;
        }

        return new LifecycleAction(type, target);
    }

    private static Dictionary<string, JsonElement> RequireObject(JsonElement element, RuleContext context, string field) =>
        element.ValueKind == JsonValueKind.Object
            ? Members(element)
            : throw Fail(LifecycleMessages.WrongType(TypeName(element), "object"), context, field);

    private static void CheckMembers(
        Dictionary<string, JsonElement> members, string[] required, string[] allowed, RuleContext context, string? field)
    {
        var missing = required.Where(r => !members.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw Fail(LifecycleMessages.MissingProperties(missing), context, field);
        }

        var unknown = members.Keys.Where(k => Array.IndexOf(allowed, k) < 0).ToList();
        if (unknown.Count > 0)
        {
            throw Fail(LifecycleMessages.UnknownProperties(unknown), context, field);
        }
    }

    private static T ReadEnum<T>(JsonElement element, IReadOnlyDictionary<string, T> values, RuleContext context, string field)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Fail(LifecycleMessages.WrongType(TypeName(element), "string"), context, field);
        }

        var text = element.GetString()!;
        return values.TryGetValue(text, out var value)
            ? value
            : throw Fail(LifecycleMessages.NotInEnum(text, values.Keys), context, field);
    }

    private static int ReadInteger(JsonElement element, RuleContext context, string field)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value))
        {
            if (element.ValueKind == JsonValueKind.Number && IsIntegral(element))
            {
                // An integer too large even for 64 bits.
                throw Fail(
                    element.GetRawText().StartsWith('-')
                        ? LifecycleMessages.BelowMinimum(long.MinValue)
                        : LifecycleMessages.AboveMaximum(element.GetRawText()),
                    context,
                    field);
            }

            throw Fail(LifecycleMessages.WrongType(TypeName(element), "integer"), context, field);
        }

        if (value < 1)
        {
            throw Fail(LifecycleMessages.BelowMinimum(value), context, field);
        }

        return value > int.MaxValue
            ? throw Fail(LifecycleMessages.AboveMaximum(element.GetRawText()), context, field)
            : (int)value;
    }

    private static string[] ReadStrings(JsonElement element, RuleContext context, string field)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Fail(LifecycleMessages.WrongType(TypeName(element), "array"), context, field);
        }

        var result = new string[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            result[i] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Fail(LifecycleMessages.WrongType(TypeName(item), "string"), context, $"{field}[{i}]");
            i++;
        }

        return result;
    }

    // Later duplicates win, as with the Jackson mapper behind ECR.
    private static Dictionary<string, JsonElement> Members(JsonElement element)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }

        return members;
    }

    // JSON-schema primitive type names ("integer" for integral numbers).
    private static string TypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsIntegral(element) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static bool IsIntegral(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private const string NullNotAllowed = "null is not allowed; omit the member or give it a value";

    private static LifecyclePolicyValidationException Fail(string reason, RuleContext context, string? field, string? hint = null) =>
        new(reason, context.Index, context.Priority, field, hint);

    private readonly record struct RuleContext(int? Index, int? Priority);
}
