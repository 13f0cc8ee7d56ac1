using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace EcrAutomation.Schema;

/// <summary>How the CLR types of resource classes, args and outputs map to Pulumi's type shapes.</summary>
internal static class ClrTypes
{
    public static bool Is(Type type, Type genericDefinition) => type.IsGenericType && type.GetGenericTypeDefinition() == genericDefinition;

    /// <summary>The <c>T</c> of <see cref="Input{T}"/> or <see cref="Output{T}"/> (not of the list, map and union inputs).</summary>
    public static Type? ValueOfInputOrOutput(Type type) =>
        Is(type, typeof(Input<>)) || Is(type, typeof(Output<>)) ? type.GetGenericArguments()[0] : null;

    /// <summary>Whether values of <paramref name="type"/> may be outputs, so an output given for it is passed on, not awaited.</summary>
    public static bool AcceptsOutputs(Type type) =>
        Is(type, typeof(Input<>)) || Is(type, typeof(Output<>)) || Is(type, typeof(InputList<>)) || Is(type, typeof(InputMap<>)) || Is(type, typeof(InputUnion<,>));

    /// <summary>The element type of a list-like type (arrays, <see cref="ImmutableArray{T}"/>, the list interfaces, <see cref="List{T}"/>).</summary>
    public static Type? ListElement(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType || type == typeof(string)) return null;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(ImmutableArray<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) ||
               definition == typeof(List<>) || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) ||
               definition == typeof(IReadOnlyCollection<>) || definition == typeof(ImmutableList<>) || definition == typeof(IImmutableList<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The value type of a map-like type with string keys.</summary>
    public static Type? MapValue(Type type)
    {
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        return arguments.Length == 2 && arguments[0] == typeof(string) &&
               (definition == typeof(ImmutableDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>) ||
                definition == typeof(Dictionary<,>) || definition == typeof(IImmutableDictionary<,>))
            ? arguments[1]
            : null;
    }

    public static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong);

    public static bool IsNumber(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    public static bool IsResource(Type type) => typeof(Resource).IsAssignableFrom(type);

    /// <summary>Classes whose properties are the value's properties (args bags, output types, awsx's plain args classes).</summary>
    public static bool IsObjectClass(Type type) =>
        type.IsClass && !type.IsAbstract && type != typeof(string) && type != typeof(object) && !IsResource(type) &&
        !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !typeof(Delegate).IsAssignableFrom(type) &&
        type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    /// <summary>A member's name as Pulumi's schema spells it: camelCase.</summary>
    public static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static bool IsRequiredMember(MemberInfo member) => member.IsDefined(typeof(RequiredMemberAttribute), inherit: false);
}
