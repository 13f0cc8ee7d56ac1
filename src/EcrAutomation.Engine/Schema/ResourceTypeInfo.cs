using System.Reflection;
using System.Runtime.ExceptionServices;

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
    private readonly Lazy<Shape> _shape;
    private readonly TypeTokens.ResourceClass _class;

    internal ResourceTypeInfo(string token, TypeTokens.ResourceClass resourceClass)
    {
        Token = token;
        _class = resourceClass;
        _shape = new Lazy<Shape>(() => Shape.Read(resourceClass.Class));
    }

    /// <summary>The canonical type token, e.g. <c>aws:ecr/repository:Repository</c>.</summary>
    public string Token { get; }

    /// <summary>The C# resource class.</summary>
    public Type ResourceClass => _class.Class;

    /// <summary>The class its constructor takes the inputs as; null when it takes none.</summary>
    public Type? ArgsType => _shape.Value.ArgsType;

    /// <summary>Whether it is a component (a grouping of child resources, without a provider).</summary>
    public bool IsComponent => typeof(ComponentResource).IsAssignableFrom(ResourceClass);

    /// <summary>Whether it is an explicit provider (<c>pulumi:providers:&lt;package&gt;</c>).</summary>
    public bool IsProvider => typeof(ProviderResource).IsAssignableFrom(ResourceClass);

    /// <summary>What the resource is; null: not known at run time (XML docs are not).</summary>
    public string? Description => null;

    /// <summary>The input properties by name (camelCase, as in Pulumi's schema).</summary>
    public IReadOnlyDictionary<string, SchemaProperty> Inputs => _shape.Value.Inputs;

    /// <summary>
    /// The output properties by name: the class's <see cref="OutputAttribute"/> properties, its public outputs and the
    /// resources it exposes (a component's children). <c>id</c> and <c>urn</c> are not among them.
    /// </summary>
    public IReadOnlyDictionary<string, SchemaProperty> Outputs => _shape.Value.Outputs;

    /// <summary>
    /// Constructs the resource in the running program from YAML runtime values: each input is converted to the CLR type
    /// its args property has (recursively: inputs, lists, maps, nested args, enums, unions, resources, assets); an output
    /// given where the class needs a plain value is awaited first (and the resource then depends on the output's
    /// resources through <see cref="ResourceOptions.DependsOn"/>).
    /// </summary>
    /// <param name="name">The resource's logical name.</param>
    /// <param name="inputs">The inputs by name (Pulumi's names).</param>
    /// <param name="options">The resource options; converted to the options type the constructor takes.</param>
    /// <param name="cancellationToken">Cancels waiting for outputs.</param>
    /// <exception cref="InputConversionException">An input has the wrong kind of value, is not a property of the type, or is unknown during preview where it must be known.</exception>
    public async Task<Resource> ConstructAsync(string name, IReadOnlyDictionary<string, object?> inputs, ResourceOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        var shape = _shape.Value;
        var converter = new RuntimeValueConverter(cancellationToken);
        object? args = null;
        try
        {
            if (shape.ArgsType is { } argsType) args = await converter.ToObjectAsync(inputs, argsType, "", Token).ConfigureAwait(false);
            else if (inputs.Count > 0)
                throw new InputConversionException(inputs.Keys.First(), $"Property {inputs.Keys.First()} does not exist on '{Token}': it takes no properties");
        }
        catch (InputConversionException e)
        {
            throw new InputConversionException(e.Property, $"{Token} '{name}': {e.Message}");
        }
        var constructorOptions = ResourceOptionsCopy.As(shape.OptionsType, options, converter.AwaitedDependencies);
        try
        {
            return (Resource)shape.Constructor.Invoke(shape.ArgsType is null ? [name, constructorOptions] : [name, args, constructorOptions]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>
    /// The output <paramref name="name"/> of <paramref name="resource"/> as a runtime value: an output becomes an
    /// <see cref="Output{T}"/> of object (lists, maps and nested objects as read-only lists and dictionaries), a resource
    /// stays a resource; null when the type has no such output.
    /// </summary>
    public object? ReadOutput(Resource resource, string name)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _shape.Value.OutputMembers.TryGetValue(name, out var member) ? RuntimeValues.FromProperty(member.GetValue(resource)) : null;
    }

    /// <summary>The token.</summary>
    public override string ToString() => Token;

    /// <summary>The reflection facts of the class, read on first use.</summary>
    private sealed record Shape(
        ConstructorInfo Constructor,
        Type? ArgsType,
        Type OptionsType,
        IReadOnlyDictionary<string, SchemaProperty> Inputs,
        IReadOnlyDictionary<string, SchemaProperty> Outputs,
        IReadOnlyDictionary<string, ObjectMember> OutputMembers)
    {
        public static Shape Read(Type type)
        {
            var constructor = FindConstructor(type) ?? throw new InvalidOperationException(
                $"{type.FullName} has no public constructor (string name, args, options) to construct it from YAML.");
            var parameters = constructor.GetParameters();
            var argsType = parameters.Length == 3 ? parameters[1].ParameterType : null;
            var outputMembers = ObjectMembers.ResourceOutputsOf(type).ToDictionary(m => m.Name, StringComparer.Ordinal);
            return new Shape(
                constructor,
                argsType,
                parameters[^1].ParameterType,
                argsType is null ? new Dictionary<string, SchemaProperty>() : SchemaTypes.Properties(ObjectMembers.InputsOf(argsType), output: false),
                SchemaTypes.Properties(outputMembers.Values, output: true),
                outputMembers);
        }

        /// <summary>The constructor a program calls: <c>(string name, TArgs args, TOptions options)</c>, or <c>(string name, TOptions options)</c>.</summary>
        internal static ConstructorInfo? FindConstructor(Type type) => type.GetConstructors()
            .Where(c => c.GetParameters() is [{ } first, .., { } last] p && p.Length is 2 or 3 &&
                        first.ParameterType == typeof(string) && typeof(ResourceOptions).IsAssignableFrom(last.ParameterType))
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
    }
}
