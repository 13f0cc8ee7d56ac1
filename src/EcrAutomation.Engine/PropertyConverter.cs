using System.Collections.Immutable;
using EcrAutomation.Providers;

namespace EcrAutomation;

/// <summary>Converts provider output values back into the CLR types of <see cref="Output{T}"/> properties.</summary>
internal static class PropertyConverter
{
    public static OutputData<T> ToOutputData<T>(PropertyValue? value, bool isKnownIfMissing, Resource resource)
    {
        var resources = ImmutableHashSet.Create(resource);
        if (value is null)
            return isKnownIfMissing ? new OutputData<T>(default!, true, false, resources) : OutputData<T>.Unknown(false, resources);
        var secret = value.ContainsSecrets();
        var plain = value.Unsecret();
        if (plain.ContainsUnknowns()) return OutputData<T>.Unknown(secret, resources);
        return new OutputData<T>((T)Convert(plain, typeof(T))!, true, secret, resources);
    }

    public static object? Convert(PropertyValue value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target);
        if (value.IsNull) return target.IsValueType && underlying is null ? Activator.CreateInstance(target) : null;
        target = underlying ?? target;
        if (target == typeof(object)) return ToPlainObject(value);
        if (target == typeof(PropertyValue)) return value;
        if (target == typeof(string))
            return value.Kind == PropertyKind.String ? value.AsString : value.ToString();
        if (target == typeof(bool)) return value.AsBool;
        if (target == typeof(int)) return (int)value.AsNumber;
        if (target == typeof(long)) return (long)value.AsNumber;
        if (target == typeof(double)) return value.AsNumber;
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var element = target.GetGenericArguments()[0];
            var items = value.AsList.Select(v => Convert(v, element)).ToArray();
            var typed = Array.CreateInstance(element, items.Length);
            Array.Copy(items, typed, items.Length);
            return typeof(ImmutableArray).GetMethods()
                .First(m => m.Name == nameof(ImmutableArray.Create) && m.GetParameters() is [{ ParameterType.IsArray: true }])
                .MakeGenericMethod(element).Invoke(null, [typed]);
        }
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>))
        {
            var element = target.GetGenericArguments()[1];
            var method = typeof(PropertyConverter).GetMethod(nameof(ToDictionary), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
            return method.MakeGenericMethod(element).Invoke(null, [value.AsMap]);
        }
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(Union<,>))
            return ToUnion(value, target);
        if (value.Kind == PropertyKind.Map && target.IsClass && !target.IsAbstract)
            return ToOutputObject(value.AsMap, target);
        throw new NotSupportedException($"Cannot convert a {value.Kind} property to {target.Name}.");
    }

    /// <summary>A nested output object (Pulumi's output types, e.g. a cluster's <c>certificateAuthority</c>): its <see cref="OutputAttribute"/> properties set from the map.</summary>
    private static object ToOutputObject(PropertyMap map, Type target)
    {
        var result = Activator.CreateInstance(target, nonPublic: true)!;
        foreach (var property in target.GetProperties())
        {
            if (property.GetCustomAttributes(typeof(OutputAttribute), false) is [OutputAttribute attribute, ..] &&
                map.TryGetValue(attribute.Name ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..], out var item))
                property.SetValue(result, Convert(item.Unsecret(), property.PropertyType));
        }
        return result;
    }

    /// <summary>A union (e.g. Kubernetes' <c>IntOrString</c>) holding the value as the first of its types that the value's kind fits.</summary>
    private static object ToUnion(PropertyValue value, Type target)
    {
        var types = target.GetGenericArguments();
        var index = Array.FindIndex(types, t => Fits(value.Kind, t));
        if (index < 0)
            throw new NotSupportedException($"Cannot convert a {value.Kind} property to a union of {types[0].Name} and {types[1].Name}.");
        return target.GetMethod(index == 0 ? "FromT0" : "FromT1")!.Invoke(null, [Convert(value, types[index])])!;
    }

    private static bool Fits(PropertyKind kind, Type type) => kind switch
    {
        PropertyKind.String => type == typeof(string),
        PropertyKind.Number => type == typeof(int) || type == typeof(long) || type == typeof(double),
        PropertyKind.Bool => type == typeof(bool),
        PropertyKind.List => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>),
        PropertyKind.Map => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableDictionary<,>) || type.IsClass && type != typeof(string),
        _ => false,
    };

    private static ImmutableDictionary<string, T> ToDictionary<T>(PropertyMap map) =>
        map.ToImmutableDictionary(kv => kv.Key, kv => (T)Convert(kv.Value.Unsecret(), typeof(T))!);

    /// <summary>JSON-like CLR objects: string, double, bool, null, List, Dictionary.</summary>
    public static object? ToPlainObject(PropertyValue value) => value.Kind switch
    {
        PropertyKind.Null or PropertyKind.Unknown => null,
        PropertyKind.Bool => value.AsBool,
        PropertyKind.Number => value.AsNumber,
        PropertyKind.String => value.AsString,
        PropertyKind.Secret => ToPlainObject(value.SecretValue),
        PropertyKind.List => value.AsList.Select(ToPlainObject).ToList(),
        PropertyKind.Map => value.AsMap.ToDictionary(kv => kv.Key, kv => ToPlainObject(kv.Value)),
        PropertyKind.ResourceReference => value.AsReference.Urn,
        _ => value.AsAsset.Hash,
    };
}
