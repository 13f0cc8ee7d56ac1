using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation;

internal interface IInput
{
    IOutput ToOutputObject();
}

/// <summary>A value given to a resource: either a plain value or an output of another resource.</summary>
public class Input<T> : IInput
{
    private readonly Output<T> _output;

    private protected Input(Output<T> output) => _output = output;

    internal virtual Output<T> ToOutput() => _output;

    IOutput IInput.ToOutputObject() => ToOutput();

    public static implicit operator Input<T>(T value) => new(Output.Create(value));
    public static implicit operator Input<T>(Output<T> value) => new(value);
    public static implicit operator Output<T>(Input<T> input) => input.ToOutput();

    /// <summary>Applies a function to the input's value once known.</summary>
    public Output<U> Apply<U>(Func<T, U> func) => ToOutput().Apply(func);
}

/// <summary>A list input whose items may each be outputs. Supports collection initializers.</summary>
public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable
{
    private readonly List<Output<ImmutableArray<T>>> _ranges = [];

    public InputList() : base(Output.Create(ImmutableArray<T>.Empty)) { }

    public void Add(Input<T> item) => _ranges.Add(item.ToOutput().Apply(v => ImmutableArray.Create(v)));
    public void AddRange(InputList<T> items) => _ranges.Add(items.ToOutput());

    internal override Output<ImmutableArray<T>> ToOutput() =>
        Output.All(_ranges.Select(r => (Input<ImmutableArray<T>>)r)).Apply(parts => parts.SelectMany(p => p).ToImmutableArray());

    public static implicit operator InputList<T>(T[] values) => From(values.Select(v => (Input<T>)v));
    public static implicit operator InputList<T>(List<T> values) => From(values.Select(v => (Input<T>)v));
    public static implicit operator InputList<T>(Output<T>[] values) => From(values.Select(v => (Input<T>)v));
    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values)
    {
        var list = new InputList<T>();
        list._ranges.Add(values);
        return list;
    }

    private static InputList<T> From(IEnumerable<Input<T>> items)
    {
        var list = new InputList<T>();
        foreach (var i in items) list.Add(i);
        return list;
    }

    IEnumerator IEnumerable.GetEnumerator() => _ranges.GetEnumerator();
}

/// <summary>A map input whose values may each be outputs. Supports collection initializers.</summary>
public sealed class InputMap<T> : Input<ImmutableDictionary<string, T>>, IEnumerable
{
    private readonly List<(string Key, Output<T> Value)> _items = [];

    public InputMap() : base(Output.Create(ImmutableDictionary<string, T>.Empty)) { }

    public void Add(string key, Input<T> value) => _items.Add((key, value.ToOutput()));

    public Input<T> this[string key] { set => Add(key, value); }

    internal override Output<ImmutableDictionary<string, T>> ToOutput() =>
        Output.All(_items.Select(i => (Input<T>)i.Value)).Apply(values =>
            _items.Select((item, index) => KeyValuePair.Create(item.Key, values[index])).ToImmutableDictionary());

    public static implicit operator InputMap<T>(Dictionary<string, T> values)
    {
        var map = new InputMap<T>();
        foreach (var (k, v) in values) map.Add(k, v);
        return map;
    }

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
