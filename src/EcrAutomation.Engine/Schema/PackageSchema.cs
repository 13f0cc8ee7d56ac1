using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Schema;

/// <summary>
/// A package's schema in Pulumi's package schema JSON format (<c>name</c>, <c>version</c>, <c>resources</c>, <c>types</c>,
/// <c>functions</c>, <c>provider</c>), as <c>pulumi package get-schema</c> prints it: what <c>ecr-automation schema</c> shows.
/// </summary>
public sealed class PackageSchema
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly JsonObject _resources = [];
    private readonly JsonObject _functions = [];
    private readonly JsonObject _types = [];
    private readonly Queue<SchemaType> _pendingTypes = new();
    private JsonObject? _provider;

    internal PackageSchema(string name, IReadOnlyList<ResourceTypeInfo> resources, IReadOnlyList<FunctionInfo> functions)
    {
        Name = name;
        Version = resources.Select(r => r.ResourceClass.Assembly.GetName().Version).FirstOrDefault(v => v is not null) is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";
        foreach (var resource in resources)
        {
            var entry = Resource(resource);
            if (resource.IsProvider) _provider = entry;
            else _resources[resource.Token] = entry;
        }
        foreach (var function in functions)
        {
            var entry = new JsonObject();
            if (function.Description is { } description) entry["description"] = description;
            entry["inputs"] = ObjectType(function.Inputs, includeRequired: true);
            entry["outputs"] = ObjectType(function.Outputs, includeRequired: true);
            _functions[function.Token] = entry;
        }
        while (_pendingTypes.TryDequeue(out var type)) AddType(type);
    }

    /// <summary>The package name, e.g. <c>aws</c>.</summary>
    public string Name { get; }

    /// <summary>The package version (the version of the assembly that implements it).</summary>
    public string Version { get; }

    /// <summary>The schema as indented JSON.</summary>
    public string ToJson() => new JsonObject
    {
        ["name"] = Name,
        ["version"] = Version,
        ["resources"] = _resources.DeepClone(),
        ["types"] = _types.DeepClone(),
        ["functions"] = _functions.DeepClone(),
        ["provider"] = _provider?.DeepClone(),
    }.ToJsonString(Indented);

    /// <summary>
    /// The entry of the resource or function <paramref name="token"/> (its <c>resources</c>, <c>functions</c> or, for
    /// <c>pulumi:providers:&lt;name&gt;</c>, <c>provider</c> value) as indented JSON; null when the package has none.
    /// </summary>
    public string? EntryJson(string token) =>
        (_resources[token] ?? _functions[token] ?? (token == "pulumi:providers:" + Name ? _provider : null))?.ToJsonString(Indented);

    private JsonObject Resource(ResourceTypeInfo resource)
    {
        var entry = new JsonObject();
        if (resource.Description is { } description) entry["description"] = description;
        // Inputs first: an object type used on both sides is written as its input form, which knows what is required.
        var inputProperties = Properties(resource.Inputs);
        entry["properties"] = Properties(resource.Outputs);
        entry["inputProperties"] = inputProperties;
        if (Required(resource.Inputs) is { Count: > 0 } required) entry["requiredInputs"] = required;
        if (resource.IsComponent) entry["isComponent"] = true;
        return entry;
    }

    private JsonObject ObjectType(IReadOnlyDictionary<string, SchemaProperty> properties, bool includeRequired)
    {
        var entry = new JsonObject { ["type"] = "object", ["properties"] = Properties(properties) };
        if (includeRequired && Required(properties) is { Count: > 0 } required) entry["required"] = required;
        return entry;
    }

    private JsonObject Properties(IReadOnlyDictionary<string, SchemaProperty> properties)
    {
        var result = new JsonObject();
        foreach (var property in properties.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var json = TypeReference(property.Type);
            if (property.Description is { } description) json["description"] = description;
            if (property.Secret) json["secret"] = true;
            result[property.Name] = json;
        }
        return result;
    }

    private static JsonArray Required(IReadOnlyDictionary<string, SchemaProperty> properties) =>
        [.. properties.Values.Where(p => p.Required).Select(p => p.Name).Order(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n))];

    /// <summary>A property's type as Pulumi writes it: <c>{"type": ...}</c> or a <c>$ref</c> to a type, resource or Pulumi's built-in types.</summary>
    private JsonObject TypeReference(SchemaType type)
    {
        switch (type.Kind)
        {
            case SchemaTypeKind.Array: return new JsonObject { ["type"] = "array", ["items"] = TypeReference(type.Items ?? SchemaType.Any) };
            case SchemaTypeKind.Map: return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeReference(type.Items ?? SchemaType.Any) };
            case SchemaTypeKind.Union: return new JsonObject { ["oneOf"] = new JsonArray([.. (type.OneOf ?? []).Select(t => (JsonNode)TypeReference(t))]) };
            case SchemaTypeKind.Any: return new JsonObject { ["$ref"] = "pulumi.json#/Any" };
            case SchemaTypeKind.Asset: return new JsonObject { ["$ref"] = "pulumi.json#/Asset" };
            case SchemaTypeKind.Archive: return new JsonObject { ["$ref"] = "pulumi.json#/Archive" };
            case SchemaTypeKind.Resource:
                return type.TypeToken is { } resourceToken ? new JsonObject { ["$ref"] = Reference("resources", resourceToken) } : new JsonObject { ["$ref"] = "pulumi.json#/Any" };
            case SchemaTypeKind.Object when type.TypeToken is { } objectToken:
            case SchemaTypeKind.String when type.Enum is not null && type.TypeToken is { } enumToken:
                var token = type.TypeToken!;
                if (TypeTokens.Package(token) == Name && !_types.ContainsKey(token))
                {
                    _types[token] = null; // reserved, so a type that contains itself is queued once
                    _pendingTypes.Enqueue(type);
                }
                return new JsonObject { ["$ref"] = Reference("types", token) };
            case SchemaTypeKind.Object: return ObjectType(type.Properties ?? new Dictionary<string, SchemaProperty>(), includeRequired: false);
            default: return new JsonObject { ["type"] = type.Kind.ToString().ToLowerInvariant() };
        }
    }

    private void AddType(SchemaType type)
    {
        if (type.Enum is { } values)
        {
            _types[type.TypeToken!] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]) };
            return;
        }
        _types[type.TypeToken!] = ObjectType(type.Properties ?? new Dictionary<string, SchemaProperty>(), includeRequired: true);
    }

    /// <summary>
    /// A reference inside this package (<c>#/types/...</c>) or to another package's schema, as Pulumi's packages write
    /// them: a resource token's <c>/</c> escaped (<c>aws:ecr%2Frepository:Repository</c>), a type token as it is.
    /// </summary>
    private string Reference(string section, string token) =>
        (TypeTokens.Package(token) == Name ? "" : $"/{TypeTokens.Package(token)}/v{Version}/schema.json") + $"#/{section}/" +
        (section == "resources" ? token.Replace("/", "%2F", StringComparison.Ordinal) : token);
}
