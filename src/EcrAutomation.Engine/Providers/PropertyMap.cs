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

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public PropertyMap Set(string key, PropertyValue value) => new(_items.SetItem(key, value));
    /// <summary>A copy without <paramref name="key"/>.</summary>
    public PropertyMap Remove(string key) => new(_items.Remove(key));

    /// <summary>Returns the string value of a key, or null when absent or not a (possibly secret) string.</summary>
    public string? GetString(string key) => TryGetValue(key, out var v) ? Plain(v) is { Kind: PropertyKind.String } s ? s.AsString : null : null;
    /// <summary>Returns the number value of a key, or null when absent or not a (possibly secret) number.</summary>
    public double? GetNumber(string key) => TryGetValue(key, out var v) && Plain(v) is { Kind: PropertyKind.Number } n ? n.AsNumber : null;
    /// <summary>Returns the boolean value of a key, or null when absent or not a (possibly secret) boolean.</summary>
    public bool? GetBool(string key) => TryGetValue(key, out var v) && Plain(v) is { Kind: PropertyKind.Bool } b ? b.AsBool : null;

    private static PropertyValue Plain(PropertyValue v) => v.IsSecret ? v.SecretValue : v;

    internal PropertyMap Unsecret() => From(_items.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Unsecret())));

    /// <inheritdoc/>
    public PropertyValue this[string key] => _items[key];
    /// <summary>The property names, in ordinal order.</summary>
    public IEnumerable<string> Keys => _items.Keys;
    /// <summary>The values, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<PropertyValue> Values => _items.Values;
    /// <inheritdoc/>
    public int Count => _items.Count;
    /// <inheritdoc/>
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    /// <inheritdoc/>
    public bool TryGetValue(string key, out PropertyValue value) => _items.TryGetValue(key, out value!);
    /// <summary>Enumerates the properties in ordinal key order.</summary>
    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Structural equality: the same keys with equal values.</summary>
    public bool Equals(PropertyMap? other) =>
        other is not null && Count == other.Count && _items.All(kv => other.TryGetValue(kv.Key, out var v) && kv.Value.Equals(v));
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PropertyMap);
    /// <inheritdoc/>
    public override int GetHashCode() => _items.Aggregate(Count, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value));
    /// <summary>A short display form, as <see cref="PropertyValue.ToString"/> of the map.</summary>
    public override string ToString() => PropertyValue.Of(this).ToString();
}
