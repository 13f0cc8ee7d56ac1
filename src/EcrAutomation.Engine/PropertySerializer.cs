using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using EcrAutomation.Providers;

namespace EcrAutomation;

/// <summary>Turns program values (args bags, inputs, outputs, plain CLR values) into <see cref="PropertyValue"/>s.</summary>
internal static class PropertySerializer
{
    private static readonly ConcurrentDictionary<Type, (MemberInfo Member, InputAttribute Attribute)[]> InputMembers = new();

    internal sealed record SerializedArgs(PropertyMap Inputs, ImmutableHashSet<Resource> Dependencies, IReadOnlyDictionary<string, ImmutableHashSet<Resource>> PropertyDependencies);

    public static async Task<SerializedArgs> SerializeArgsAsync(ResourceArgs args)
    {
        var map = PropertyMap.Empty;
        var all = ImmutableHashSet<Resource>.Empty;
        var perProperty = new Dictionary<string, ImmutableHashSet<Resource>>(StringComparer.Ordinal);
        foreach (var (member, attribute) in InputMembersOf(args.GetType()))
        {
            var value = member is PropertyInfo property ? property.GetValue(args) : ((FieldInfo)member).GetValue(args);
            if (value is null)
            {
                if (attribute.IsRequired)
                    throw new ResourceProviderException($"Missing required input '{attribute.Name}' on {args.GetType().Name}.");
                continue;
            }
            var deps = new HashSet<Resource>();
            var serialized = await SerializeAsync(value, deps).ConfigureAwait(false);
            map = map.Set(attribute.Name, attribute.IsSecret ? PropertyValue.Secret(serialized) : serialized);
            perProperty[attribute.Name] = [.. deps];
            all = all.Union(deps);
        }
        return new SerializedArgs(map, all, perProperty);
    }

    public static async Task<PropertyValue> SerializeAsync(object? value, ISet<Resource> dependencies)
    {
        switch (value)
        {
            case null: return PropertyValue.Null;
            case PropertyValue pv: return pv;
            case Assets.AssetOrArchive content: return content.ToPropertyValue();
            case IInput input: return await SerializeAsync(input.ToOutputObject(), dependencies).ConfigureAwait(false);
            case IOutput output:
                {
                    var data = await output.GetDataAsync().ConfigureAwait(false);
                    dependencies.UnionWith(data.Resources);
                    var inner = data.IsKnown ? await SerializeAsync(data.Value, dependencies).ConfigureAwait(false) : PropertyValue.Unknown;
                    return data.IsSecret ? PropertyValue.Secret(inner) : inner;
                }
            case string s: return PropertyValue.Of(s);
            case bool b: return PropertyValue.Of(b);
            case int or long or double or float or decimal or short or byte or uint or ulong:
                return PropertyValue.Of(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case Enum e: return PropertyValue.Of(e.ToString());
            case IUnion union: return await SerializeAsync(union.Value, dependencies).ConfigureAwait(false);
            case Resource r:
                dependencies.Add(r);
                return PropertyValue.Of(r.UrnValue);
            case ResourceArgs args:
                {
                    var nested = await SerializeArgsAsync(args).ConfigureAwait(false);
                    dependencies.UnionWith(nested.Dependencies);
                    return PropertyValue.Of(nested.Inputs);
                }
            case IDictionary dictionary:
                {
                    var items = new List<KeyValuePair<string, PropertyValue>>();
                    foreach (DictionaryEntry entry in dictionary)
                        items.Add(KeyValuePair.Create(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!, await SerializeAsync(entry.Value, dependencies).ConfigureAwait(false)));
                    return PropertyValue.Of(PropertyMap.From(items));
                }
            case IEnumerable enumerable:
                {
                    var items = new List<PropertyValue>();
                    foreach (var item in enumerable) items.Add(await SerializeAsync(item, dependencies).ConfigureAwait(false));
                    return PropertyValue.Of(items);
                }
            default:
                throw new NotSupportedException($"Values of type {value.GetType().Name} cannot be used as resource inputs or stack outputs.");
        }
    }

    private static (MemberInfo, InputAttribute)[] InputMembersOf(Type type) => InputMembers.GetOrAdd(type, t =>
        [.. t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Cast<MemberInfo>()
            .Concat(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Select(m => (m, m.GetCustomAttribute<InputAttribute>()))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.m, x.Item2!))]);
}
