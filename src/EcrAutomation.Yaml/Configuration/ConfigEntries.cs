using System.Globalization;
using System.Text.Json;
using EcrAutomation.Schema;
using EcrAutomation.Yaml.Builtins;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Configuration;

/// <summary>
/// A template's <c>config:</c> (and legacy <c>configuration:</c>) entries bound to the stack's configuration (checked as
/// they are bound, before any resource is touched): a value the stack sets, converted to the entry's type (scalars parsed, lists and objects as
/// JSON), else the entry's <c>value</c> or <c>default</c>; a missing required value, a value of the wrong type, a bad
/// declaration are positioned errors. A value secret in the stack, or declared <c>secret: true</c>, is a secret output.
/// </summary>
internal static class ConfigEntries
{
    private static readonly string[] Fields = ["type", "default", "secret", "value", "items", "description", "name"];

    /// <summary>
    /// The config values a program sees: the template's entries bound to <paramref name="source"/>, and every other key of
    /// the stack's config as a string. Problems go to <paramref name="diagnostics"/> (all of them; the value is then absent).
    /// </summary>
    public static ConfigValues Bind(IReadOnlyList<ConfigParamDecl> entries, ConfigSource source, DiagnosticBag diagnostics)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, raw) in source.Values)
            values[source.ShortName(key)] = source.SecretKeys.Contains(key) ? YamlValues.WithSecret(raw, secret: true) : raw;
        foreach (var entry in entries)
        {
            var declaration = Declare(entry, diagnostics);
            if (declaration is null) continue;
            values.Remove(source.ShortName(source.FullKey(declaration.ConfigKey)));
            if (!TryBind(entry, declaration, source, diagnostics, out var value)) continue;
            values[entry.Key.Value] = value;
            values[source.ShortName(entry.Key.Value)] = value; // `proj:key` is also `key`
        }
        return new ConfigValues(source.Project, values);
    }

    private sealed record Declaration(string ConfigKey, ConfigType Type, object? Fallback, bool HasFallback, bool? Secret);

    /// <summary>The entry's type, fallback value and secrecy, or null (with errors) when the declaration is invalid.</summary>
    private static Declaration? Declare(ConfigParamDecl entry, DiagnosticBag diagnostics)
    {
        var key = entry.Key;
        if (entry.Declaration is not ObjectExpr fields)
        {
            // `key: value` (a project file's shorthand): the value for every stack that does not set one, its type inferred.
            var (ok, value) = Literal(entry.Declaration, diagnostics);
            if (!ok) return null;
            return Infer(value) is { } inferred
                ? new Declaration(key.Value, inferred, value, true, null)
                : Fail(diagnostics, entry.Declaration.Span, $"unable to infer the type of config {key.Value}: declare it as {{type: <type>, default: <value>}}");
        }

        var errors = diagnostics.Items.Count;
        foreach (var field in fields.Entries.Where(f => !Fields.Contains(f.Key.Value, StringComparer.OrdinalIgnoreCase)))
            diagnostics.Warning(field.Key.Span, $"Field '{field.Key.Value}' does not exist on Object 'config {key.Value}'",
                Spelling.DidYouMean(field.Key.Value, Fields) ?? $"Existing fields are: {string.Join(", ", Fields)}");

        var name = Field(fields, "name") switch
        {
            null => key.Value,
            StringExpr { Value.Length: > 0 } s => s.Value,
            var other => Fail<string>(diagnostics, other.Span, "the config entry's 'name' must be a string") ?? key.Value,
        };

        ConfigType? items = null;
        if (Field(fields, "items") is { } itemsExpr)
            items = itemsExpr is ObjectExpr itemsObject && Field(itemsObject, "type") is StringExpr itemType && ConfigType.Parse(itemType.Value) is { Kind: not ConfigTypeKind.List } element
                ? element
                : Fail<ConfigType>(diagnostics, itemsExpr.Span, "'items' must be {type: <element type>} with a type of String, Integer, Number, Boolean or Object");

        ConfigType? declared = null;
        if (Field(fields, "type") is { } typeExpr)
        {
            declared = typeExpr is StringExpr typeName ? ConfigType.Parse(typeName.Value, items) : null;
            if (declared is null)
                diagnostics.Error(typeExpr.Span, $"unexpected configuration type '{(typeExpr as StringExpr)?.Value ?? ExpressionKinds.Describe(typeExpr)}': valid types are {string.Join(", ", ConfigType.All)}",
                    typeExpr is StringExpr { Value: var t } && t.Equals("array", StringComparison.OrdinalIgnoreCase) ? "an array needs 'items: {type: <element type>}', or write the type as List<String>" : null);
        }

        bool? secret = null;
        if (Field(fields, "secret") is { } secretExpr)
            secret = secretExpr is BooleanExpr b ? b.Value : Fail<bool?>(diagnostics, secretExpr.Span, "the config entry's 'secret' must be true or false");

        // `value` (project-level config for every stack) wins over `default`; both are used only when the stack sets nothing.
        var fallbackExpr = Field(fields, "value") ?? Field(fields, "default");
        object? fallback = null;
        if (fallbackExpr is not null)
        {
            var (ok, value) = Literal(fallbackExpr, diagnostics);
            if (ok)
            {
                var valueType = Infer(value);
                if (declared is not null && !Fits(value, declared))
                    diagnostics.Error(key.Span, $"type mismatch: default value of type {valueType?.ToString() ?? "unknown"} but type {declared} was specified");
                else if (declared is null && valueType is null)
                    diagnostics.Error(fallbackExpr.Span, "unable to infer the type of an empty or mixed list: give the entry a 'type'");
                declared ??= valueType;
                fallback = value;
            }
        }
        else if (Field(fields, "type") is null)
            diagnostics.Error(key.Span, "unable to infer type: either 'default' or 'type' is required");

        return diagnostics.Items.Skip(errors).Any(d => d.Severity == Events.DiagnosticSeverity.Error) || declared is null
            ? null
            : new Declaration(name, declared, fallback, fallbackExpr is not null, secret);
    }

    private static bool TryBind(ConfigParamDecl entry, Declaration declaration, ConfigSource source, DiagnosticBag diagnostics, out object? value)
    {
        value = null;
        var fullKey = source.FullKey(declaration.ConfigKey);
        var stackSecret = source.SecretKeys.Contains(fullKey);
        if (stackSecret && declaration.Secret == false)
        {
            diagnostics.Error(entry.Key.Span, "Cannot mark a configuration value as not secret if the associated config value is secret",
                $"'{fullKey}' is secret in the stack's config: remove 'secret: false' from the entry");
            return false;
        }
        if (source.Values.TryGetValue(fullKey, out var raw))
        {
            if (!TryConvert(raw, declaration.Type, out value))
            {
                var given = stackSecret ? "a secret value that is not of that type" : $"\"{raw}\"";
                diagnostics.Error(entry.Key.Span, $"config value '{fullKey}' has type {declaration.Type} but the stack gives {given}",
                    $"set {Expected(declaration.Type)} with `ecr-automation config set {(stackSecret ? "--secret " : "")}{fullKey} <value>`");
                return false;
            }
        }
        else if (declaration.HasFallback) value = declaration.Fallback;
        else
        {
            diagnostics.Error(entry.Key.Span, $"Missing required configuration variable '{fullKey}'",
                $"please set a value using the command `ecr-automation config set {fullKey} <value>`{(declaration.Secret == true ? " --secret" : "")}");
            return false;
        }
        if (stackSecret || declaration.Secret == true) value = YamlValues.WithSecret(value, secret: true);
        return true;
    }

    /// <summary>A stack config string as a runtime value of <paramref name="type"/>: scalars parsed as Pulumi's config does, lists and objects as JSON.</summary>
    public static bool TryConvert(string raw, ConfigType type, out object? value)
    {
        value = null;
        switch (type.Kind)
        {
            case ConfigTypeKind.String:
                value = raw;
                return true;
            case ConfigTypeKind.Integer:
                if (!long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return false;
                value = (double)integer;
                return true;
            case ConfigTypeKind.Number:
                if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return false;
                value = number;
                return true;
            case ConfigTypeKind.Boolean:
                if (ParseBoolean(raw.Trim()) is not { } boolean) return false;
                value = boolean;
                return true;
            default:
                try
                {
                    using var document = JsonDocument.Parse(raw);
                    value = FromJson(document.RootElement);
                }
                catch (JsonException) { return false; }
                return Fits(value, type);
        }
    }

    /// <summary>Go's <c>strconv.ParseBool</c>, which Pulumi's config uses.</summary>
    private static bool? ParseBoolean(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    private static bool Fits(object? value, ConfigType type) => type.Kind switch
    {
        ConfigTypeKind.String => value is string,
        ConfigTypeKind.Integer => value is double d && d == Math.Floor(d) && double.IsFinite(d),
        ConfigTypeKind.Number => value is double,
        ConfigTypeKind.Boolean => value is bool,
        ConfigTypeKind.Object => value is IReadOnlyDictionary<string, object?>,
        _ => value is IReadOnlyList<object?> list && list.All(item => Fits(item, type.Element!)),
    };

    /// <summary>The type of a literal value, as pulumi-yaml infers it (whole numbers are Integer); null for an empty or mixed list.</summary>
    private static ConfigType? Infer(object? value) => value switch
    {
        string => ConfigType.String,
        double d when d == Math.Floor(d) && double.IsFinite(d) => ConfigType.Integer,
        double => ConfigType.Number,
        bool => ConfigType.Boolean,
        IReadOnlyDictionary<string, object?> => ConfigType.Object,
        IReadOnlyList<object?> { Count: > 0 } list when list.Select(Infer).Distinct().ToList() is [{ } element] => ConfigType.List(element),
        IReadOnlyList<object?> { Count: > 0 } list when list.All(i => i is double) => ConfigType.List(ConfigType.Number),
        _ => null,
    };

    private static string Expected(ConfigType type) => type.Kind switch
    {
        ConfigTypeKind.String => "a string",
        ConfigTypeKind.Integer => "an integer",
        ConfigTypeKind.Number => "a number",
        ConfigTypeKind.Boolean => "true or false",
        ConfigTypeKind.Object => "a JSON object",
        _ => $"a JSON list of {type.Element!.Kind.ToString().ToLowerInvariant()} values",
    };

    /// <summary>A literal YAML value (no interpolation, no function call) as a runtime value.</summary>
    private static (bool Ok, object? Value) Literal(Expr expr, DiagnosticBag diagnostics)
    {
        switch (expr)
        {
            case NullExpr: return (true, null);
            case BooleanExpr b: return (true, b.Value);
            case NumberExpr n: return (true, n.Value);
            case StringExpr s: return (true, s.Value);
            case ListExpr list:
                {
                    var items = list.Items.Select(i => Literal(i, diagnostics)).ToList();
                    return (items.All(i => i.Ok), items.Select(i => i.Value).ToList());
                }
            case ObjectExpr obj:
                {
                    var entries = obj.Entries.Select(e => (e.Key.Value, Literal(e.Value, diagnostics))).ToList();
                    return (entries.All(e => e.Item2.Ok), entries.ToDictionary(e => e.Item1, e => e.Item2.Value, StringComparer.Ordinal));
                }
            default:
                diagnostics.Error(expr.Span, "a config default must be a literal value: it cannot refer to resources, variables or other config, nor call functions");
                return (false, null);
        }
    }

    private static Expr? Field(ObjectExpr fields, string name) =>
        fields.Entries.FirstOrDefault(e => string.Equals(e.Key.Value, name, StringComparison.OrdinalIgnoreCase))?.Value;

    private static Declaration? Fail(DiagnosticBag diagnostics, SourceSpan span, string message)
    {
        diagnostics.Error(span, message);
        return null;
    }

    private static T? Fail<T>(DiagnosticBag diagnostics, SourceSpan span, string message)
    {
        diagnostics.Error(span, message);
        return default;
    }
}
