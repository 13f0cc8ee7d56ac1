using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace EcrAutomation.Schema;

/// <summary>
/// Converts YAML runtime values (null, string, double, bool, read-only lists and string-keyed dictionaries of them,
/// <see cref="Output{T}"/> of object, resources, assets) to the CLR types resource classes take, recursively. An output
/// is passed on where the target takes outputs (<see cref="Input{T}"/> and its list, map and union forms) and awaited
/// where it needs a plain value; the resources such awaited outputs came from are collected, so the constructed
/// resource still depends on them.
/// </summary>
internal sealed class RuntimeValueConverter(CancellationToken cancellationToken)
{
    private static readonly ConcurrentDictionary<Type, ITypedBridge> Bridges = new();

    /// <summary>The resources of the outputs awaited because the target needed plain values.</summary>
    public HashSet<Resource> AwaitedDependencies { get; } = [];

    public async ValueTask<object?> ConvertAsync(object? value, Type target, string path)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        if (value is null) return target.IsValueType && underlying is null ? Activator.CreateInstance(target) : null;
        target = underlying ?? target;
        if (ClrTypes.AcceptsOutputs(target)) return await ToInputAsync(value, target, path).ConfigureAwait(false);
        if (value is Output<object?> output) return await ConvertAsync(await AwaitAsync(output, path).ConfigureAwait(false), target, path).ConfigureAwait(false);
        if (target == typeof(object)) return await ResolveAsync(value, path).ConfigureAwait(false);
        if (value is not (IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>) && target.IsInstanceOfType(value)) return value;
        if (target == typeof(string)) return await ToStringAsync(value, path).ConfigureAwait(false);
        if (target == typeof(bool))
            return value switch { bool b => b, string s when bool.TryParse(s, out var parsed) => parsed, _ => throw Mismatch(path, target, value, null) };
        if (ClrTypes.IsInteger(target) || ClrTypes.IsNumber(target))
        {
            var number = ToNumber(value) ?? throw Mismatch(path, target, value, null);
            if (ClrTypes.IsInteger(target) && number != Math.Floor(number)) throw Mismatch(path, target, value, "a whole number");
            return Convert.ChangeType(number, target, CultureInfo.InvariantCulture);
        }
        if (target.IsEnum) return ToEnum(value, target) ?? throw Mismatch(path, target, value, "one of " + string.Join(", ", SchemaTypes.EnumNames(target)));
        if (ClrTypes.Is(target, typeof(Union<,>))) return await ToUnionAsync(value, target, path).ConfigureAwait(false);
        if (ClrTypes.ListElement(target) is { } element && value is IReadOnlyList<object?> list) return await ToListAsync(list, target, element, path).ConfigureAwait(false);
        if (ClrTypes.MapValue(target) is { } mapValue && value is IReadOnlyDictionary<string, object?> map) return await ToMapAsync(map, target, mapValue, path).ConfigureAwait(false);
        if (ClrTypes.IsObjectClass(target) && value is IReadOnlyDictionary<string, object?> fields) return await ToObjectAsync(fields, target, path).ConfigureAwait(false);
        throw Mismatch(path, target, value, null);
    }

    /// <summary>An args object of <paramref name="type"/> with the given properties (Pulumi's names); errors name the type as <paramref name="typeToken"/> (default: its object type token).</summary>
    public async ValueTask<object> ToObjectAsync(IReadOnlyDictionary<string, object?> fields, Type type, string path, string? typeToken = null)
    {
        var members = ObjectMembers.InputsOf(type).ToDictionary(m => m.Name, StringComparer.Ordinal);
        object instance;
        try { instance = Activator.CreateInstance(type, nonPublic: true)!; }
        catch (MissingMethodException) { throw new InputConversionException(path, $"{Describe(path)}: {type.Name} cannot be created from YAML (it has no parameterless constructor)."); }
        foreach (var (key, value) in fields)
        {
            var memberPath = path.Length == 0 ? key : $"{path}.{key}";
            if (!members.TryGetValue(key, out var member))
                throw new InputConversionException(memberPath, $"Property {key} does not exist on '{typeToken ?? TypeTokens.OfObject(type)}'; existing properties are: {string.Join(", ", members.Keys.Order(StringComparer.Ordinal))}");
            member.SetValue(instance, await ConvertAsync(value, member.ClrType, memberPath).ConfigureAwait(false));
        }
        return instance;
    }

    private async ValueTask<object?> ToInputAsync(object value, Type target, string path)
    {
        var arguments = target.GetGenericArguments();
        var definition = target.GetGenericTypeDefinition();
        var bridge = BridgeFor(definition == typeof(InputUnion<,>) ? typeof(Union<,>).MakeGenericType(arguments) : arguments[0]);
        if (value is Output<object?> output || ContainsOutputs(value) && !IsMemberwise(definition, arguments[0]) && (output = Lift(value)) is not null)
        {
            // The output's value, once known, is converted to what the input holds (a list of items, a map, a union, a value).
            var held = definition == typeof(InputList<>) ? typeof(ImmutableArray<>).MakeGenericType(arguments)
                : definition == typeof(InputMap<>) ? typeof(ImmutableDictionary<,>).MakeGenericType(typeof(string), arguments[0])
                : definition == typeof(InputUnion<,>) ? typeof(Union<,>).MakeGenericType(arguments)
                : arguments[0];
            Func<object?, Task<object?>> convert = async v => await ConvertAsync(v, held, path).ConfigureAwait(false);
            return definition == typeof(Output<>) ? bridge.OutputFrom(output, convert)
                : definition == typeof(InputList<>) ? bridge.ListFrom(output, convert)
                : definition == typeof(InputMap<>) ? bridge.MapFrom(output, convert)
                : definition == typeof(InputUnion<,>) ? bridge.UnionFrom(output, convert)
                : bridge.InputFrom(output, convert);
        }
        if (definition == typeof(InputList<>))
        {
            if (value is not IReadOnlyList<object?> list) throw Mismatch(path, target, value, null);
            var items = new List<object?>(list.Count);
            for (var i = 0; i < list.Count; i++) items.Add(await ToInputAsync(list[i] ?? NullInput, typeof(Input<>).MakeGenericType(arguments), $"{path}[{i}]").ConfigureAwait(false));
            return bridge.List(items);
        }
        if (definition == typeof(InputMap<>))
        {
            if (value is not IReadOnlyDictionary<string, object?> map) throw Mismatch(path, target, value, null);
            var entries = new List<KeyValuePair<string, object?>>(map.Count);
            foreach (var (key, item) in map) entries.Add(KeyValuePair.Create(key, await ToInputAsync(item ?? NullInput, typeof(Input<>).MakeGenericType(arguments), $"{path}.{key}").ConfigureAwait(false)));
            return bridge.Map(entries);
        }
        var plain = await ConvertAsync(ReferenceEquals(value, NullInput) ? null : value, definition == typeof(InputUnion<,>) ? typeof(Union<,>).MakeGenericType(arguments) : arguments[0], path).ConfigureAwait(false);
        return definition == typeof(Output<>) ? bridge.OutputOf(plain) : definition == typeof(InputUnion<,>) ? bridge.UnionOf(plain) : bridge.InputOf(plain);
    }

    /// <summary>A null item of a list or map input (null itself stands for "not set" elsewhere).</summary>
    private static readonly object NullInput = new();

    /// <summary>Whether the input's value is an object whose own properties take outputs, so a map with outputs inside is converted property by property.</summary>
    private static bool IsMemberwise(Type definition, Type held) =>
        definition != typeof(InputList<>) && definition != typeof(InputMap<>) && definition != typeof(InputUnion<,>) && ClrTypes.IsObjectClass(held);

    private async ValueTask<object?> AwaitAsync(Output<object?> output, string path)
    {
        var data = await output.DataTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        AwaitedDependencies.UnionWith(data.Resources);
        if (!data.IsKnown)
            throw new InputConversionException(path, $"{Describe(path)} is unknown during preview (it comes from a resource that is not created yet), but this resource type needs its value to be known: create the resource it depends on first, or give the value directly.");
        return data.Value;
    }

    /// <summary>The value with every output inside awaited (for targets that take any value).</summary>
    private async ValueTask<object?> ResolveAsync(object? value, string path) => value switch
    {
        Output<object?> output => await ResolveAsync(await AwaitAsync(output, path).ConfigureAwait(false), path).ConfigureAwait(false),
        IReadOnlyList<object?> list when ContainsOutputs(list) => await ResolveListAsync(list, path).ConfigureAwait(false),
        IReadOnlyDictionary<string, object?> map when ContainsOutputs(map) => await ResolveMapAsync(map, path).ConfigureAwait(false),
        _ => value,
    };

    private async ValueTask<object?> ResolveListAsync(IReadOnlyList<object?> list, string path)
    {
        var items = new List<object?>(list.Count);
        for (var i = 0; i < list.Count; i++) items.Add(await ResolveAsync(list[i], $"{path}[{i}]").ConfigureAwait(false));
        return items;
    }

    private async ValueTask<object?> ResolveMapAsync(IReadOnlyDictionary<string, object?> map, string path)
    {
        var items = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, item) in map) items[key] = await ResolveAsync(item, $"{path}.{key}").ConfigureAwait(false);
        return items;
    }

    private async ValueTask<string> ToStringAsync(object value, string path) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> => JsonSerializer.Serialize(InKeyOrder(await ResolveAsync(value, path).ConfigureAwait(false))),
        _ => throw Mismatch(path, typeof(string), value, null),
    };

    /// <summary>
    /// Maps with their keys in order: a hash-ordered map (pulumi-eks' kubeconfig object) enumerates differently in each
    /// process, and its JSON in a string input (<c>kubeconfig: ${cluster.kubeconfig}</c>) must not change between runs.
    /// </summary>
    private static object? InKeyOrder(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => new SortedDictionary<string, object?>(map.ToDictionary(kv => kv.Key, kv => InKeyOrder(kv.Value)), StringComparer.Ordinal),
        IReadOnlyList<object?> list => list.Select(InKeyOrder).ToList(),
        _ => value,
    };

    private static double? ToNumber(object value) => value switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ when value.GetType().IsPrimitive && value is not bool and not char => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static object? ToEnum(object value, Type target)
    {
        if (value is double d) return Enum.ToObject(target, (long)d);
        if (value is not string s) return null;
        var names = SchemaTypes.EnumNames(target);
        var fields = target.GetFields(BindingFlags.Public | BindingFlags.Static);
        for (var i = 0; i < fields.Length; i++)
        {
            if (string.Equals(names[i], s, StringComparison.OrdinalIgnoreCase) || string.Equals(fields[i].Name, s, StringComparison.OrdinalIgnoreCase))
                return fields[i].GetValue(null);
        }
        return null;
    }

    private async ValueTask<object> ToUnionAsync(object value, Type target, string path)
    {
        var types = target.GetGenericArguments();
        var index = Array.FindIndex(types, t => Fits(value, t));
        if (index < 0) throw Mismatch(path, target, value, null);
        var converted = await ConvertAsync(value, types[index], path).ConfigureAwait(false);
        return target.GetMethod(index == 0 ? nameof(Union<int, int>.FromT0) : nameof(Union<int, int>.FromT1))!.Invoke(null, [converted])!;
    }

    private static bool Fits(object value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            string => type == typeof(string) || type.IsEnum,
            double d => ClrTypes.IsNumber(type) || ClrTypes.IsInteger(type) && d == Math.Floor(d),
            bool => type == typeof(bool),
            IReadOnlyList<object?> => ClrTypes.ListElement(type) is not null,
            IReadOnlyDictionary<string, object?> => ClrTypes.MapValue(type) is not null || ClrTypes.IsObjectClass(type),
            _ => type.IsInstanceOfType(value),
        };
    }

    private async ValueTask<object> ToListAsync(IReadOnlyList<object?> list, Type target, Type element, string path)
    {
        var typed = Array.CreateInstance(element, list.Count);
        for (var i = 0; i < list.Count; i++) typed.SetValue(await ConvertAsync(list[i], element, $"{path}[{i}]").ConfigureAwait(false), i);
        if (target.IsArray) return typed;
        if (ClrTypes.Is(target, typeof(ImmutableArray<>))) return BridgeFor(element).ImmutableArrayOf(typed);
        if (ClrTypes.Is(target, typeof(ImmutableList<>)) || ClrTypes.Is(target, typeof(IImmutableList<>))) return BridgeFor(element).ImmutableListOf(typed);
        return Activator.CreateInstance(typeof(List<>).MakeGenericType(element), typed)!;
    }

    private async ValueTask<object> ToMapAsync(IReadOnlyDictionary<string, object?> map, Type target, Type valueType, string path)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        foreach (var (key, item) in map) dictionary[key] = await ConvertAsync(item, valueType, $"{path}.{key}").ConfigureAwait(false);
        return ClrTypes.Is(target, typeof(ImmutableDictionary<,>)) || ClrTypes.Is(target, typeof(IImmutableDictionary<,>))
            ? BridgeFor(valueType).ImmutableDictionaryOf(dictionary)
            : dictionary;
    }

    private static bool ContainsOutputs(object? value) => value switch
    {
        Output<object?> => true,
        IReadOnlyList<object?> list => list.Any(ContainsOutputs),
        IReadOnlyDictionary<string, object?> map => map.Values.Any(ContainsOutputs),
        _ => false,
    };

    /// <summary>One output of a list or map with outputs inside: known, secret and depending as they all are together.</summary>
    private static Output<object?> Lift(object value)
    {
        var outputs = new List<Output<object?>>();
        Collect(value, outputs);
        return Output.All(outputs.Select(o => (Input<object?>)o)).Apply(values =>
        {
            var resolved = new Dictionary<Output<object?>, object?>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < outputs.Count; i++) resolved[outputs[i]] = values[i];
            return Rebuild(value, resolved);
        });

        static void Collect(object? v, List<Output<object?>> into)
        {
            switch (v)
            {
                case Output<object?> o: into.Add(o); break;
                case IReadOnlyList<object?> l: foreach (var item in l) Collect(item, into); break;
                case IReadOnlyDictionary<string, object?> m: foreach (var item in m.Values) Collect(item, into); break;
            }
        }

        static object? Rebuild(object? v, Dictionary<Output<object?>, object?> resolved) => v switch
        {
            Output<object?> o => resolved[o],
            IReadOnlyList<object?> l => l.Select(item => Rebuild(item, resolved)).ToList(),
            IReadOnlyDictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => Rebuild(kv.Value, resolved), StringComparer.Ordinal),
            _ => v,
        };
    }

    private static InputConversionException Mismatch(string path, Type target, object value, string? expected) =>
        new(path, $"{Describe(path)}: expected {expected ?? SchemaTypes.Of(target, output: false).Display}, got {DescribeValue(value)}");

    private static string Describe(string path) => path.Length == 0 ? "the value" : $"property {path}";

    private static string DescribeValue(object value) => value switch
    {
        string s => $"the string \"{s}\"",
        double d => $"the number {d.ToString(CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        IReadOnlyList<object?> => "a list",
        IReadOnlyDictionary<string, object?> => "an object",
        Resource r => $"the resource {r.GetResourceName()} ({r.GetResourceType()})",
        _ => value.GetType().Name,
    };

    private static ITypedBridge BridgeFor(Type type) =>
        Bridges.GetOrAdd(type, static t => (ITypedBridge)Activator.CreateInstance(typeof(TypedBridge<>).MakeGenericType(t))!);
}
