using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace EcrAutomation.Providers;

/// <summary>
/// An immutable resource property value: the typed model shared by programs, providers, state and events.
/// Mirrors Pulumi's property model (null, bool, number, string, list, map, secret, unknown, asset, archive, resource reference).
/// </summary>
public sealed class PropertyValue : IEquatable<PropertyValue>
{
    /// <summary>The null value.</summary>
    public static readonly PropertyValue Null = new(PropertyKind.Null, null);
    /// <summary>A value not known until the resource is created or updated (preview only).</summary>
    public static readonly PropertyValue Unknown = new(PropertyKind.Unknown, null);
    /// <summary>Boolean true.</summary>
    public static readonly PropertyValue True = new(PropertyKind.Bool, true);
    /// <summary>Boolean false.</summary>
    public static readonly PropertyValue False = new(PropertyKind.Bool, false);

    private readonly object? _value;

    private PropertyValue(PropertyKind kind, object? value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>What this value is.</summary>
    public PropertyKind Kind { get; }

    /// <summary>A boolean value.</summary>
    public static PropertyValue Of(bool value) => value ? True : False;
    /// <summary>A number.</summary>
    public static PropertyValue Of(double value) => new(PropertyKind.Number, value);
    /// <summary>A string; null gives <see cref="Null"/>.</summary>
    public static PropertyValue Of(string? value) => value is null ? Null : new(PropertyKind.String, value);
    /// <summary>A list of values, in order.</summary>
    public static PropertyValue Of(IEnumerable<PropertyValue> items) => new(PropertyKind.List, items.ToImmutableArray());
    /// <summary>A map value (an object).</summary>
    public static PropertyValue Of(PropertyMap map) => new(PropertyKind.Map, map);
    /// <summary>Wraps a value as secret; secrets never nest.</summary>
    public static PropertyValue Secret(PropertyValue inner) => inner.IsSecret ? inner : new(PropertyKind.Secret, inner);
    /// <summary>A reference to another resource.</summary>
    public static PropertyValue Reference(string urn, string? id) => new(PropertyKind.ResourceReference, new ResourceReference(urn, id));
    /// <summary>An asset (file, text or remote content) identified by its hash.</summary>
    public static PropertyValue Asset(AssetValue asset) => new(PropertyKind.Asset, asset);
    /// <summary>An archive identified by its hash.</summary>
    public static PropertyValue Archive(AssetValue archive) => new(PropertyKind.Archive, archive);

    /// <summary>Whether this is <see cref="Null"/>.</summary>
    public bool IsNull => Kind == PropertyKind.Null;
    /// <summary>Whether this is a secret wrapper (<see cref="SecretValue"/> holds the value); see also <see cref="ContainsSecrets"/>.</summary>
    public bool IsSecret => Kind == PropertyKind.Secret;
    /// <summary>Whether this is <see cref="Unknown"/> itself; see also <see cref="ContainsUnknowns"/>.</summary>
    public bool IsUnknown => Kind == PropertyKind.Unknown;
    /// <summary>The boolean; only for <see cref="PropertyKind.Bool"/>.</summary>
    public bool AsBool => (bool)_value!;
    /// <summary>The number; only for <see cref="PropertyKind.Number"/>.</summary>
    public double AsNumber => (double)_value!;
    /// <summary>The string; only for <see cref="PropertyKind.String"/>.</summary>
    public string AsString => (string)_value!;
    /// <summary>The items; only for <see cref="PropertyKind.List"/>.</summary>
    public ImmutableArray<PropertyValue> AsList => (ImmutableArray<PropertyValue>)_value!;
    /// <summary>The map; only for <see cref="PropertyKind.Map"/>.</summary>
    public PropertyMap AsMap => (PropertyMap)_value!;
    /// <summary>The value inside a secret; only for <see cref="PropertyKind.Secret"/>.</summary>
    public PropertyValue SecretValue => (PropertyValue)_value!;
    /// <summary>The referenced resource; only for <see cref="PropertyKind.ResourceReference"/>.</summary>
    public ResourceReference AsReference => (ResourceReference)_value!;
    /// <summary>The asset or archive; only for <see cref="PropertyKind.Asset"/> and <see cref="PropertyKind.Archive"/>.</summary>
    public AssetValue AsAsset => (AssetValue)_value!;

    /// <summary>The value with any secret wrapper removed (nested secrets included).</summary>
    public PropertyValue Unsecret() => Kind switch
    {
        PropertyKind.Secret => SecretValue.Unsecret(),
        PropertyKind.List => Of(AsList.Select(v => v.Unsecret())),
        PropertyKind.Map => Of(AsMap.Unsecret()),
        _ => this,
    };

    /// <summary>True when this value or anything inside it is unknown.</summary>
    public bool ContainsUnknowns() => Kind switch
    {
        PropertyKind.Unknown => true,
        PropertyKind.Secret => SecretValue.ContainsUnknowns(),
        PropertyKind.List => AsList.Any(v => v.ContainsUnknowns()),
        PropertyKind.Map => AsMap.Values.Any(v => v.ContainsUnknowns()),
        _ => false,
    };

    /// <summary>True when this value or anything inside it is secret.</summary>
    public bool ContainsSecrets() => Kind switch
    {
        PropertyKind.Secret => true,
        PropertyKind.List => AsList.Any(v => v.ContainsSecrets()),
        PropertyKind.Map => AsMap.Values.Any(v => v.ContainsSecrets()),
        _ => false,
    };

    /// <summary>Structural equality: same kind and equal contents (a secret differs from its plain value).</summary>
    public bool Equals(PropertyValue? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Kind != other.Kind) return false;
        return Kind switch
        {
            PropertyKind.Null or PropertyKind.Unknown => true,
            PropertyKind.List => AsList.SequenceEqual(other.AsList),
            _ => Equals(_value, other._value),
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PropertyValue);

    /// <inheritdoc/>
    public override int GetHashCode() => Kind switch
    {
        PropertyKind.List => AsList.Aggregate((int)Kind, (h, v) => HashCode.Combine(h, v)),
        _ => HashCode.Combine(Kind, _value),
    };

    /// <summary>A short display form; secrets are shown as [secret] and unknowns as [unknown].</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    private void Write(StringBuilder sb)
    {
        switch (Kind)
        {
            case PropertyKind.Null: sb.Append("null"); break;
            case PropertyKind.Bool: sb.Append(AsBool ? "true" : "false"); break;
            case PropertyKind.Number: sb.Append(AsNumber.ToString(CultureInfo.InvariantCulture)); break;
            case PropertyKind.String: sb.Append('"').Append(AsString).Append('"'); break;
            case PropertyKind.Secret: sb.Append("[secret]"); break;
            case PropertyKind.Unknown: sb.Append("[unknown]"); break;
            case PropertyKind.ResourceReference: sb.Append(AsReference.Urn); break;
            case PropertyKind.Asset or PropertyKind.Archive: sb.Append(AsAsset.Hash); break;
            case PropertyKind.List:
                sb.Append('[');
                for (var i = 0; i < AsList.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AsList[i].Write(sb);
                }
                sb.Append(']');
                break;
            case PropertyKind.Map:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in AsMap)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(k).Append(": ");
                    v.Write(sb);
                }
                sb.Append('}');
                break;
        }
    }
}
