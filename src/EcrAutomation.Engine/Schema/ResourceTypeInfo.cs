namespace EcrAutomation.Schema;

/// <summary>
/// What the catalog knows of one resource type: its C# class, its input and output properties with Pulumi's names and
/// schema types, and how to construct it from YAML runtime values (<c>null</c>, <see cref="string"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="IReadOnlyList{T}"/> of object, <see cref="IReadOnlyDictionary{TKey, TValue}"/> of
/// string to object, <see cref="Output{T}"/> of object, <see cref="Resource"/>, assets). Built on first use, so a catalog
/// of many types costs nothing until a type is looked at.
/// </summary>
public sealed class ResourceTypeInfo
{
    internal ResourceTypeInfo(string token, Type resourceClass)
    {
        Token = token;
        ResourceClass = resourceClass;
    }

    /// <summary>The canonical type token, e.g. <c>aws:ecr/repository:Repository</c>.</summary>
    public string Token { get; }

    /// <summary>The C# resource class.</summary>
    public Type ResourceClass { get; }

    /// <summary>The class its constructor takes the inputs as; null when it takes none.</summary>
    public Type? ArgsType => throw new NotImplementedException();

    /// <summary>Whether it is a component (a grouping of child resources, without a provider).</summary>
    public bool IsComponent => typeof(ComponentResource).IsAssignableFrom(ResourceClass);

    /// <summary>Whether it is an explicit provider (<c>pulumi:providers:&lt;package&gt;</c>).</summary>
    public bool IsProvider => typeof(ProviderResource).IsAssignableFrom(ResourceClass);

    /// <summary>What the resource is; null: not known at run time (XML docs are not).</summary>
    public string? Description => null;

    /// <summary>The input properties by name (camelCase, as in Pulumi's schema).</summary>
    public IReadOnlyDictionary<string, SchemaProperty> Inputs => throw new NotImplementedException();

    /// <summary>
    /// The output properties by name: the class's <see cref="OutputAttribute"/> properties, its public outputs and the
    /// resources it exposes (a component's children). <c>id</c> and <c>urn</c> are not among them.
    /// </summary>
    public IReadOnlyDictionary<string, SchemaProperty> Outputs => throw new NotImplementedException();

    /// <summary>
    /// Constructs the resource in the running program from YAML runtime values: each input is converted to the CLR type
    /// its args property has (recursively: inputs, lists, maps, nested args, enums, unions, resources, assets); an output
    /// given where the class needs a plain value is awaited first.
    /// </summary>
    /// <param name="name">The resource's logical name.</param>
    /// <param name="inputs">The inputs by name (Pulumi's names).</param>
    /// <param name="options">The resource options; converted to the options type the constructor takes.</param>
    /// <param name="cancellationToken">Cancels waiting for outputs.</param>
    /// <exception cref="InputConversionException">An input has the wrong kind of value, is not a property of the type, or is unknown during preview where it must be known.</exception>
    public Task<Resource> ConstructAsync(string name, IReadOnlyDictionary<string, object?> inputs, ResourceOptions? options, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// The output <paramref name="name"/> of <paramref name="resource"/> as a runtime value: an output becomes an
    /// <see cref="Output{T}"/> of object (lists, maps and nested objects as read-only lists and dictionaries), a resource
    /// stays a resource; null when the type has no such output.
    /// </summary>
    public object? ReadOutput(Resource resource, string name) => throw new NotImplementedException();

    /// <summary>The token.</summary>
    public override string ToString() => Token;
}
