using EcrAutomation.Schema;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Analysis;

/// <summary>
/// The schema type of an expression as the checker sees it (pulumi-yaml's typing): literals by their kind, mappings as
/// objects, accesses by following the resource schemas, built-ins by what they return; <see cref="SchemaType.Any"/>
/// where it cannot be told.
/// </summary>
internal sealed class TypeInference(Func<string, SchemaType?> rootType, ResourceCatalog? resources = null)
{
    private static readonly Dictionary<string, SchemaType> BuiltinResults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fn::join"] = SchemaType.String,
        ["fn::toJSON"] = SchemaType.String,
        ["fn::toBase64"] = SchemaType.String,
        ["fn::fromBase64"] = SchemaType.String,
        ["fn::readFile"] = SchemaType.String,
        ["fn::sha1"] = SchemaType.String,
        ["fn::filebase64"] = SchemaType.String,
        ["fn::filebase64sha256"] = SchemaType.String,
        ["fn::split"] = SchemaType.ArrayOf(SchemaType.String),
        ["fn::length"] = SchemaType.Integer,
        ["fn::stringAsset"] = SchemaType.Asset,
        ["fn::fileAsset"] = SchemaType.Asset,
        ["fn::remoteAsset"] = SchemaType.Asset,
        ["fn::fileArchive"] = SchemaType.Archive,
        ["fn::remoteArchive"] = SchemaType.Archive,
        ["fn::assetArchive"] = SchemaType.Archive,
    };

    public SchemaType TypeOf(Expr expr) => expr switch
    {
        BooleanExpr => SchemaType.Boolean,
        NumberExpr n => n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) < 1e15 ? SchemaType.Integer : SchemaType.Number,
        StringExpr or InterpolateExpr => SchemaType.String,
        ListExpr list => SchemaType.ArrayOf(ElementType(list.Items.Select(TypeOf).ToList())),
        ObjectExpr obj => SchemaType.ObjectOf(null, obj.Entries
            .GroupBy(e => e.Key.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SchemaProperty(g.Key, TypeOf(g.First().Value)), StringComparer.Ordinal)),
        SymbolExpr symbol => AccessType(symbol.Access) ?? SchemaType.Any,
        BuiltinExpr call when string.Equals(call.Name, "fn::secret", StringComparison.OrdinalIgnoreCase) => TypeOf(call.Arguments),
        BuiltinExpr call => BuiltinResults.GetValueOrDefault(call.Name, SchemaType.Any),
        _ => SchemaType.Any,
    };

    /// <summary>The type of what an access reads; null when it cannot be told or is wrong (the checker reports that).</summary>
    public SchemaType? AccessType(PropertyAccess access)
    {
        var type = rootType(access.Root);
        foreach (var accessor in access.Accessors)
        {
            if (type is null) return null;
            type = Step(type, accessor, out var error, out _);
            if (error is not null) return null;
        }
        return type;
    }

    /// <summary>
    /// One accessor applied to a value of <paramref name="type"/>: the type it reads (null: cannot be told), or an error in
    /// pulumi-yaml's words with its detail (the existing properties, a "did you mean").
    /// </summary>
    public SchemaType? Step(SchemaType type, PropertyAccessor accessor, out string? error, out string? detail)
    {
        error = null;
        detail = null;
        var name = accessor switch { PropertyName n => n.Name, PropertyKey k => k.Key, _ => null };
        switch (type.Kind)
        {
            case SchemaTypeKind.Resource:
                if (accessor is PropertyIndex)
                {
                    error = $"cannot index into the resource '{type.TypeToken}'";
                    return null;
                }
                if (name is "id" or "urn") return SchemaType.String;
                if (type.TypeToken is null || resources is null || !resources.TryGet(type.TypeToken, out var info)) return null;
                if (info.Outputs.TryGetValue(name!, out var output)) return output.Type;
                if (info.Inputs.TryGetValue(name!, out var input)) return input.Type;
                error = $"Property {name} does not exist on '{info.Token}'";
                detail = Existing(info.Outputs.Keys.Concat(["id", "urn"]), name!);
                return null;
            case SchemaTypeKind.Array:
                if (accessor is PropertyIndex) return type.Items ?? SchemaType.Any;
                error = "cannot access a list element using a property name";
                return null;
            case SchemaTypeKind.Map:
                if (accessor is PropertyIndex)
                {
                    error = $"cannot index into a map with an integer: use [\"key\"] or .key";
                    return null;
                }
                return type.Items ?? SchemaType.Any;
            case SchemaTypeKind.Object when type.Properties is { } properties:
                if (accessor is PropertyIndex)
                {
                    error = $"cannot index into type '{type.Display}': it is not a list";
                    return null;
                }
                if (properties.TryGetValue(name!, out var property)) return property.Type;
                error = $"Property {name} does not exist on '{type.TypeToken ?? type.Display}'";
                detail = Existing(properties.Keys, name!);
                return null;
            case SchemaTypeKind.String or SchemaTypeKind.Integer or SchemaTypeKind.Number or SchemaTypeKind.Boolean:
                error = accessor is PropertyIndex ? $"cannot index into type '{type.Display}': it is not a list" : $"cannot access property '{name}' of type '{type.Display}'";
                return null;
            default:
                return null;
        }
    }

    private static string Existing(IEnumerable<string> names, string name)
    {
        var all = names.ToList();
        return $"Existing properties are: {string.Join(", ", all.Order(StringComparer.Ordinal))}"
            + (Spelling.DidYouMean(name, all) is { } hint ? "; " + hint : "");
    }

    private static SchemaType ElementType(List<SchemaType> items)
    {
        if (items.Count == 0) return SchemaType.Any;
        var first = items[0];
        return items.All(i => i == first) ? first : SchemaType.Any;
    }
}
