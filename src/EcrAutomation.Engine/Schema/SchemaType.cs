namespace EcrAutomation.Schema;

/// <summary>
/// The type of a property in Pulumi's package schema: a primitive, a list or map of a type, an object type of the package's
/// <c>types</c>, a resource reference, an asset or archive, any value, or one of several types. The YAML checker compares
/// the types of expressions with these (<see cref="IsAssignableFrom"/>) before anything runs.
/// </summary>
public sealed record SchemaType
{
    /// <summary>Text.</summary>
    public static readonly SchemaType String = new(SchemaTypeKind.String);
    /// <summary>A whole number.</summary>
    public static readonly SchemaType Integer = new(SchemaTypeKind.Integer);
    /// <summary>A number.</summary>
    public static readonly SchemaType Number = new(SchemaTypeKind.Number);
    /// <summary>True or false.</summary>
    public static readonly SchemaType Boolean = new(SchemaTypeKind.Boolean);
    /// <summary>Any value.</summary>
    public static readonly SchemaType Any = new(SchemaTypeKind.Any);
    /// <summary>An asset.</summary>
    public static readonly SchemaType Asset = new(SchemaTypeKind.Asset);
    /// <summary>An archive.</summary>
    public static readonly SchemaType Archive = new(SchemaTypeKind.Archive);

    /// <summary>A type of <paramref name="kind"/>; use the static members and factories for the common ones.</summary>
    public SchemaType(SchemaTypeKind kind) => Kind = kind;

    /// <summary>What kind of value this is.</summary>
    public SchemaTypeKind Kind { get; init; }

    /// <summary>The element type of an <see cref="SchemaTypeKind.Array"/> or the value type of a <see cref="SchemaTypeKind.Map"/>.</summary>
    public SchemaType? Items { get; init; }

    /// <summary>
    /// An <see cref="SchemaTypeKind.Object"/>'s (or a string enum's) token among the package's <c>types</c> (e.g.
    /// <c>awsx:ecr:LifecyclePolicy</c>; null for an object literal), or the token of the resource a
    /// <see cref="SchemaTypeKind.Resource"/> refers to (null: any).
    /// </summary>
    public string? TypeToken { get; init; }

    /// <summary>An <see cref="SchemaTypeKind.Object"/>'s properties by name.</summary>
    public IReadOnlyDictionary<string, SchemaProperty>? Properties { get; init; }

    /// <summary>The values a string-valued enum allows (e.g. an image builder's <c>Auto</c>, <c>Daemonless</c>, <c>Docker</c>); null: any.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>The types a <see cref="SchemaTypeKind.Union"/> value may have.</summary>
    public IReadOnlyList<SchemaType>? OneOf { get; init; }

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static SchemaType ArrayOf(SchemaType items) => new(SchemaTypeKind.Array) { Items = items };

    /// <summary>A map from strings to <paramref name="items"/>.</summary>
    public static SchemaType MapOf(SchemaType items) => new(SchemaTypeKind.Map) { Items = items };

    /// <summary>An object with <paramref name="properties"/>; <paramref name="token"/> names it among the package's types (null: a literal).</summary>
    public static SchemaType ObjectOf(string? token, IReadOnlyDictionary<string, SchemaProperty> properties) =>
        new(SchemaTypeKind.Object) { TypeToken = token, Properties = properties };

    /// <summary>A reference to a resource of type <paramref name="token"/> (null: of any type).</summary>
    public static SchemaType ResourceOf(string? token) => new(SchemaTypeKind.Resource) { TypeToken = token };

    /// <summary>A value of one of <paramref name="types"/>.</summary>
    public static SchemaType UnionOf(params SchemaType[] types) => new(SchemaTypeKind.Union) { OneOf = types };

    /// <summary>
    /// The type as pulumi-yaml prints it in messages: <c>string</c>, <c>integer</c>, <c>List&lt;string&gt;</c>,
    /// <c>Map&lt;string&gt;</c>, an object type's or resource's token, <c>{foo: string, bar: integer}</c> for an object
    /// literal, <c>Union&lt;integer, string&gt;</c>.
    /// </summary>
    public string Display => Kind switch
    {
        SchemaTypeKind.String => "string",
        SchemaTypeKind.Integer => "integer",
        SchemaTypeKind.Number => "number",
        SchemaTypeKind.Boolean => "boolean",
        SchemaTypeKind.Array => $"List<{Items?.Display ?? "any"}>",
        SchemaTypeKind.Map => $"Map<{Items?.Display ?? "any"}>",
        SchemaTypeKind.Object => TypeToken ?? "{" + string.Join(", ", (Properties ?? EmptyProperties).Values.Select(p => $"{p.Name}: {p.Type.Display}")) + "}",
        SchemaTypeKind.Resource => TypeToken ?? "resource",
        SchemaTypeKind.Asset => "asset",
        SchemaTypeKind.Archive => "archive",
        SchemaTypeKind.Union => $"Union<{string.Join(", ", (OneOf ?? []).Select(t => t.Display))}>",
        _ => "any",
    };

    /// <summary>
    /// Whether a value of type <paramref name="other"/> may be given where this type is expected: <see cref="SchemaTypeKind.Any"/>
    /// on either side always fits; numbers and integers fit each other; a number or boolean fits a string (YAML scalars
    /// are coerced, as pulumi-yaml does); lists, maps and objects fit when their items or properties do; a string does
    /// not fit a list, a map or an object.
    /// </summary>
    public bool IsAssignableFrom(SchemaType other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Kind == SchemaTypeKind.Any || other.Kind == SchemaTypeKind.Any) return true;
        if (Kind == SchemaTypeKind.Union) return (OneOf ?? []).Any(t => t.IsAssignableFrom(other));
        if (other.Kind == SchemaTypeKind.Union) return (other.OneOf ?? []).All(IsAssignableFrom);
        return Kind switch
        {
            SchemaTypeKind.String => other.Kind is SchemaTypeKind.String or SchemaTypeKind.Integer or SchemaTypeKind.Number or SchemaTypeKind.Boolean,
            SchemaTypeKind.Integer or SchemaTypeKind.Number => other.Kind is SchemaTypeKind.Integer or SchemaTypeKind.Number,
            SchemaTypeKind.Array => other.Kind == SchemaTypeKind.Array && ItemsAccept(other.Items),
            SchemaTypeKind.Map => other.Kind == SchemaTypeKind.Map && ItemsAccept(other.Items) ||
                                  other.Kind == SchemaTypeKind.Object && (other.Properties ?? EmptyProperties).Values.All(p => ItemsAccept(p.Type)),
            SchemaTypeKind.Object => other.Kind == SchemaTypeKind.Map ||
                                     other.Kind == SchemaTypeKind.Object && (TypeToken is not null && TypeToken == other.TypeToken || PropertiesAccept(other)),
            SchemaTypeKind.Resource => other.Kind == SchemaTypeKind.Resource && (TypeToken is null || TypeToken == other.TypeToken),
            _ => other.Kind == Kind,
        };
    }

    private static readonly IReadOnlyDictionary<string, SchemaProperty> EmptyProperties = new Dictionary<string, SchemaProperty>();

    private bool ItemsAccept(SchemaType? items) => Items is null || items is null || Items.IsAssignableFrom(items);

    private bool PropertiesAccept(SchemaType other)
    {
        var properties = Properties ?? EmptyProperties;
        return (other.Properties ?? EmptyProperties).Values.All(p => properties.TryGetValue(p.Name, out var mine) && mine.Type.IsAssignableFrom(p.Type));
    }

    /// <summary>The <see cref="Display"/> text.</summary>
    public override string ToString() => Display;
}
