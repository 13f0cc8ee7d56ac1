namespace EcrAutomation.Kubernetes.Generator;

/// <summary>The C# types of generated properties, for inputs (args) and outputs.</summary>
internal sealed class TypeSyntax(ModelCatalog catalog, SourceScope scope)
{
    private const string Immutable = "System.Collections.Immutable";

    /// <summary>An args property: <c>Input&lt;T&gt;?</c>, <c>InputUnion&lt;int, string&gt;?</c>, <c>InputList&lt;T&gt;</c>, <c>InputMap&lt;T&gt;</c>.</summary>
    public string Input(FieldType type) => type.Kind switch
    {
        FieldKind.IntOrString => "InputUnion<int, string>?",
        FieldKind.List => $"InputList<{InputItem(type.Item!)}>",
        FieldKind.Map => $"InputMap<{InputItem(type.Item!)}>",
        _ => $"Input<{InputItem(type)}>?",
    };

    /// <summary>An output type's property: nullable unless a required value, collections empty when absent.</summary>
    public string Output(FieldType type, bool required) => type.Kind switch
    {
        FieldKind.Int or FieldKind.Long or FieldKind.Bool or FieldKind.Double => OutputItem(type) + (required ? "" : "?"),
        FieldKind.List or FieldKind.Map => OutputItem(type),
        _ => OutputItem(type) + "?",
    };

    /// <summary>The initializer of an output collection property, so an absent list or map reads as empty.</summary>
    public string? OutputDefault(FieldType type) => type.Kind switch
    {
        FieldKind.List => "[]",
        FieldKind.Map => $"{OutputItem(type)}.Empty",
        _ => null,
    };

    /// <summary>The <c>T</c> of a resource's <c>Output&lt;T&gt;</c> property.</summary>
    public string OutputItem(FieldType type) => type.Kind switch
    {
        FieldKind.List => scope.Use(Immutable, $"ImmutableArray<{OutputItem(Single(type.Item!))}>"),
        FieldKind.Map => scope.Use(Immutable, $"ImmutableDictionary<string, {OutputItem(Single(type.Item!))}>"),
        FieldKind.Model => OutputName(type.Model!),
        FieldKind.IntOrString => "Union<int, string>",
        _ => Scalar(type),
    };

    public string ArgsName(Type model)
    {
        var described = catalog.Describe(model);
        return scope.Use(Names.InputNamespace(described), described.Name + "Args");
    }

    public string OutputName(Type model)
    {
        var described = catalog.Describe(model);
        return scope.Use(Names.OutputNamespace(described), described.Name);
    }

    private string InputItem(FieldType type) => Single(type).Kind switch
    {
        FieldKind.Model => ArgsName(type.Model!),
        FieldKind.IntOrString => "Union<int, string>",
        _ => Scalar(type),
    };

    private static FieldType Single(FieldType type) =>
        type.IsCollection ? throw new NotSupportedException($"Collections of collections ({type}) are not generated.") : type;

    private static string Scalar(FieldType type) => type.Kind switch
    {
        FieldKind.String => "string",
        FieldKind.Int => "int",
        FieldKind.Long => "long",
        FieldKind.Bool => "bool",
        FieldKind.Double => "double",
        FieldKind.Object => "object",
        _ => throw new NotSupportedException(type.ToString()),
    };
}
