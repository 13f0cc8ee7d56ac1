using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace EcrAutomation;

/// <summary>
/// The strings Pulumi's files and events use for an enum's values, read from its <see cref="JsonStringEnumMemberNameAttribute"/>s
/// so that JSON serialization and hand-written JSON agree.
/// </summary>
internal static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(name ?? "", out value);

    /// <summary>Orders values by their wire names (ordinal), the order Pulumi writes change counts in.</summary>
    public static IComparer<T> Order<T>() where T : struct, Enum => Names<T>.Comparer;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v =>
            typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{v} has no wire name"));

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public static readonly IComparer<T> Comparer = Comparer<T>.Create((a, b) => string.CompareOrdinal(ByValue[a], ByValue[b]));
    }
}
