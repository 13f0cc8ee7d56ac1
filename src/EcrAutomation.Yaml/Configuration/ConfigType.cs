namespace EcrAutomation.Yaml.Configuration;

/// <summary>
/// The type of a template config entry, as pulumi-yaml parses it (<c>String</c>, <c>Integer</c>/<c>Int</c>,
/// <c>Number</c>, <c>Boolean</c>/<c>Bool</c>, <c>Object</c>, <c>List&lt;T&gt;</c>, case-insensitive) or as a project file
/// declares it (<c>type: array</c> with <c>items: {type: ...}</c>).
/// </summary>
internal sealed record ConfigType(ConfigTypeKind Kind, ConfigType? Element = null)
{
    public static readonly ConfigType String = new(ConfigTypeKind.String);
    public static readonly ConfigType Integer = new(ConfigTypeKind.Integer);
    public static readonly ConfigType Number = new(ConfigTypeKind.Number);
    public static readonly ConfigType Boolean = new(ConfigTypeKind.Boolean);
    public static readonly ConfigType Object = new(ConfigTypeKind.Object);

    /// <summary>Every type a config entry may have, for the message naming them.</summary>
    public static readonly IReadOnlyList<ConfigType> All =
        [String, Integer, Number, Boolean, Object, List(String), List(Integer), List(Number), List(Boolean), List(Object)];

    public static ConfigType List(ConfigType element) => new(ConfigTypeKind.List, element);

    /// <summary>The type named <paramref name="name"/>, or null; <c>array</c> alone (a project file's spelling) needs an element type.</summary>
    public static ConfigType? Parse(string name, ConfigType? items = null)
    {
        var text = name.Trim().ToLowerInvariant();
        if (text.StartsWith("list<", StringComparison.Ordinal) && text.EndsWith('>'))
            return Parse(text[5..^1]) is { Kind: not ConfigTypeKind.List } element ? List(element) : null;
        return text switch
        {
            "string" => String,
            "int" or "integer" => Integer,
            "number" => Number,
            "bool" or "boolean" => Boolean,
            "object" => Object,
            "array" when items is { Kind: not ConfigTypeKind.List } => List(items),
            _ => null,
        };
    }

    /// <summary>The type as pulumi-yaml programs write it: <c>Integer</c>, <c>List&lt;String&gt;</c>.</summary>
    public override string ToString() => Kind == ConfigTypeKind.List ? $"List<{Element}>" : Kind.ToString();
}
