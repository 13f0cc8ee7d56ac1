using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation;

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
