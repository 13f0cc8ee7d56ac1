using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation.Schema;

/// <summary>The generic operations the runtime value converter needs for one element or value type, without reflection per call.</summary>
internal interface ITypedBridge
{
    object InputOf(object? value);
    object OutputOf(object? value);
    object UnionOf(object? value);
    object InputFrom(Output<object?> output, Func<object?, Task<object?>> convert);
    object OutputFrom(Output<object?> output, Func<object?, Task<object?>> convert);
    object ListFrom(Output<object?> output, Func<object?, Task<object?>> convert);
    object MapFrom(Output<object?> output, Func<object?, Task<object?>> convert);
    object UnionFrom(Output<object?> output, Func<object?, Task<object?>> convert);
    object List(IReadOnlyList<object?> inputs);
    object Map(IReadOnlyList<KeyValuePair<string, object?>> inputs);
    object ImmutableArrayOf(Array items);
    object ImmutableListOf(Array items);
    object ImmutableDictionaryOf(IDictionary entries);
}

/// <summary><see cref="ITypedBridge"/> for <typeparamref name="T"/>: the value type of an input, or the element of a list or map.</summary>
internal sealed class TypedBridge<T> : ITypedBridge
{
    private static T Cast(object? value) => value is null ? default! : (T)value;

    public object InputOf(object? value) => (Input<T>)Cast(value);

    public object OutputOf(object? value) => Output.Create(Cast(value));

    /// <summary><typeparamref name="T"/> is the union type here.</summary>
    public object UnionOf(object? value) => UnionInput(value!);

    public object InputFrom(Output<object?> output, Func<object?, Task<object?>> convert) => (Input<T>)Typed(output, convert);

    public object OutputFrom(Output<object?> output, Func<object?, Task<object?>> convert) => Typed(output, convert);

    public object ListFrom(Output<object?> output, Func<object?, Task<object?>> convert) =>
        (InputList<T>)output.Apply(async v => (ImmutableArray<T>)(await convert(v).ConfigureAwait(false))!);

    public object MapFrom(Output<object?> output, Func<object?, Task<object?>> convert) =>
        (InputMap<T>)output.Apply(async v => (ImmutableDictionary<string, T>)(await convert(v).ConfigureAwait(false))!);

    /// <summary><typeparamref name="T"/> is the union type here.</summary>
    public object UnionFrom(Output<object?> output, Func<object?, Task<object?>> convert) => UnionInput(Typed(output, convert));

    public object List(IReadOnlyList<object?> inputs)
    {
        var list = new InputList<T>();
        foreach (var input in inputs) list.Add((Input<T>)input!);
        return list;
    }

    public object Map(IReadOnlyList<KeyValuePair<string, object?>> inputs)
    {
        var map = new InputMap<T>();
        foreach (var (key, input) in inputs) map.Add(key, (Input<T>)input!);
        return map;
    }

    public object ImmutableArrayOf(Array items) => ImmutableArray.Create((T[])items);

    public object ImmutableListOf(Array items) => ImmutableList.Create((T[])items);

    public object ImmutableDictionaryOf(IDictionary entries) => ((IDictionary<string, T>)entries).ToImmutableDictionary(StringComparer.Ordinal);

    private static Output<T> Typed(Output<object?> output, Func<object?, Task<object?>> convert) =>
        output.Apply(async v => Cast(await convert(v).ConfigureAwait(false)));

    /// <summary>An <see cref="InputUnion{T0, T1}"/> from a union value or an output of one, through its implicit conversions.</summary>
    private static object UnionInput(object union)
    {
        var arguments = typeof(T).GetGenericArguments();
        var inputType = typeof(InputUnion<,>).MakeGenericType(arguments);
        var conversion = inputType.GetMethods().Single(m => m.Name == "op_Implicit" && m.ReturnType == inputType && m.GetParameters()[0].ParameterType == union.GetType());
        return conversion.Invoke(null, [union])!;
    }
}
