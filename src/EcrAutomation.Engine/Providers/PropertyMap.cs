using System.Collections;
using System.Collections.Immutable;

namespace EcrAutomation.Providers;

/// <summary>An immutable, key-ordered map of property names to values.</summary>
public sealed class PropertyMap : IReadOnlyDictionary<string, PropertyValue>, IEquatable<PropertyMap>
{
    /// <summary>The empty map.</summary>
    public static readonly PropertyMap Empty = new(ImmutableSortedDictionary<string, PropertyValue>.Empty.WithComparers(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, PropertyValue> _items;

    private PropertyMap(ImmutableSortedDictionary<string, PropertyValue> items) => _items = items;

    /// <summary>Creates a map from pairs; later keys win.</summary>
    public static PropertyMap From(IEnumerable<KeyValuePair<string, PropertyValue>> items)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, PropertyValue>(StringComparer.Ordinal);
        foreach (var (k, v) in items) builder[k] = v;
        return new PropertyMap(builder.ToImmutable());
    }

    public PropertyMap Set(string key, PropertyValue value) => new(_items.SetItem(key, value));
    public PropertyMap Remove(string key) => new(_items.Remove(key));

    /// <summary>Returns the string value of a key, or null when absent or not a (possibly secret) string.</summary>
    public string? GetString(string key) => TryGetValue(key, out var v) ? Plain(v) is { Kind: PropertyKind.String } s ? s.AsString : null : null;
    public double? GetNumber(string key) => TryGetValue(key, out var v) && Plain(v) is { Kind: PropertyKind.Number } n ? n.AsNumber : null;
    public bool? GetBool(string key) => TryGetValue(key, out var v) && Plain(v) is { Kind: PropertyKind.Bool } b ? b.AsBool : null;

    private static PropertyValue Plain(PropertyValue v) => v.IsSecret ? v.SecretValue : v;

    internal PropertyMap Unsecret() => From(_items.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Unsecret())));

    public PropertyValue this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<PropertyValue> Values => _items.Values;
    public int Count => _items.Count;
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out PropertyValue value) => _items.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PropertyMap? other) =>
        other is not null && Count == other.Count && _items.All(kv => other.TryGetValue(kv.Key, out var v) && kv.Value.Equals(v));
    public override bool Equals(object? obj) => Equals(obj as PropertyMap);
    public override int GetHashCode() => _items.Aggregate(Count, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));
    public override string ToString() => PropertyValue.Of(this).ToString();
}
