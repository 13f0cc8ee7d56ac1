using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation;

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
