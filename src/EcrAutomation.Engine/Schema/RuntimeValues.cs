using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Schema;

/// <summary>Turns the CLR values of resource outputs into YAML runtime values (read-only lists and dictionaries, doubles, strings, resources).</summary>
internal static class RuntimeValues
{
    /// <summary>A property's value: an output becomes an output of its runtime value; anything else its runtime value.</summary>
    public static object? FromProperty(object? value) => value switch
    {
        IOutput output => new Output<object?>(ToRuntimeAsync(output)),
        _ => From(value),
    };

    private static async Task<OutputData<object?>> ToRuntimeAsync(IOutput output)
    {
        var data = await output.GetDataAsync().ConfigureAwait(false);
        return data with { Value = data.IsKnown ? From(data.Value) : null };
    }

    public static object? From(object? value) => value switch
    {
        null => null,
        string or bool or Resource => value,
        double d => d,
        Enum e => SchemaTypes.EnumNames(e.GetType())[Array.IndexOf(Enum.GetValues(e.GetType()), e)],
        IUnion union => From(union.Value),
        JsonElement element => From(JsonNode.Parse(element.GetRawText())),
        JsonValue json => json.TryGetValue<string>(out var text) ? text : json.TryGetValue<bool>(out var flag) ? flag : json.GetValue<double>(),
        JsonObject json => json.ToDictionary(kv => kv.Key, kv => From(kv.Value), StringComparer.Ordinal),
        JsonArray json => json.Select(From).ToList(),
        _ when value.GetType().IsPrimitive || value is decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => From(map[k]), StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(From).ToList(),
        IOutput or IInput => throw new InvalidOperationException("An output nested inside another output's value cannot be read as a YAML value."),
        _ when ClrTypes.IsObjectClass(value.GetType()) => ObjectMembers.OutputsOf(value.GetType())
            .Select(m => (m.Name, Value: From(m.GetValue(value)))).Where(p => p.Value is not null)
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        _ => value,
    };
}
