using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation;

/// <summary>A map input whose values may each be outputs. Supports collection initializers.</summary>
public sealed class InputMap<T> : Input<ImmutableDictionary<string, T>>, IEnumerable
{
    private readonly List<Output<ImmutableDictionary<string, T>>> _parts = [];

    /// <summary>An empty map; add entries with a collection initializer or <see cref="Add"/>.</summary>
    public InputMap() : base(Output.Create(ImmutableDictionary<string, T>.Empty)) { }

    /// <summary>Adds an entry, plain or an output.</summary>
    public void Add(string key, Input<T> value) => _parts.Add(value.ToOutput().Apply(v => ImmutableDictionary<string, T>.Empty.Add(key, v)));

    /// <summary>Adds an entry (for index initializers: <c>new InputMap&lt;string&gt; { ["k"] = v }</c>).</summary>
    public Input<T> this[string key] { set => Add(key, value); }

    internal override Output<ImmutableDictionary<string, T>> ToOutput() =>
        Output.All(_parts.Select(p => (Input<ImmutableDictionary<string, T>>)p)).Apply(parts =>
            parts.Aggregate(ImmutableDictionary<string, T>.Empty, (map, part) => map.AddRange(part)));

    /// <summary>A map of plain values.</summary>
    public static implicit operator InputMap<T>(Dictionary<string, T> values)
    {
        var map = new InputMap<T>();
        foreach (var (k, v) in values) map.Add(k, v);
        return map;
    }

    /// <summary>A map that is one output of a whole dictionary.</summary>
    public static implicit operator InputMap<T>(Output<ImmutableDictionary<string, T>> values)
    {
        var map = new InputMap<T>();
        map._parts.Add(values);
        return map;
    }

    IEnumerator IEnumerable.GetEnumerator() => _parts.GetEnumerator();
}
