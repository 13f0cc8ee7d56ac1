using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation;

/// <summary>A list input whose items may each be outputs. Supports collection initializers.</summary>
public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable
{
    private readonly List<Output<ImmutableArray<T>>> _ranges = [];

    /// <summary>An empty list; add items with a collection initializer or <see cref="Add"/>.</summary>
    public InputList() : base(Output.Create(ImmutableArray<T>.Empty)) { }

    /// <summary>Appends an item, plain or an output.</summary>
    public void Add(Input<T> item) => _ranges.Add(item.ToOutput().Apply(v => ImmutableArray.Create(v)));
    /// <summary>Appends every item of another list.</summary>
    public void AddRange(InputList<T> items) => _ranges.Add(items.ToOutput());

    internal override Output<ImmutableArray<T>> ToOutput() =>
        Output.All(_ranges.Select(r => (Input<ImmutableArray<T>>)r)).Apply(parts => parts.SelectMany(p => p).ToImmutableArray());

    /// <summary>A list of plain values.</summary>
    public static implicit operator InputList<T>(T[] values) => From(values.Select(v => (Input<T>)v));
    /// <summary>A list of plain values.</summary>
    public static implicit operator InputList<T>(List<T> values) => From(values.Select(v => (Input<T>)v));
    /// <summary>A list of outputs.</summary>
    public static implicit operator InputList<T>(Output<T>[] values) => From(values.Select(v => (Input<T>)v));
    /// <summary>A list that is one output of a whole array.</summary>
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
