using System.Collections.Immutable;
using EcrAutomation.Assets;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>
/// Helpers over YAML runtime values (null, string, double, bool, lists, maps, <c>Output&lt;object?&gt;</c>, resources,
/// assets): resolving the outputs inside a value and lifting a function over values that may be outputs, so that unknown
/// inputs give unknown results and secret inputs give secret results, as pulumi-yaml's <c>lift</c> does.
/// </summary>
internal static class YamlValues
{
    private static readonly ImmutableHashSet<Resource> NoResources = ImmutableHashSet<Resource>.Empty;

    /// <summary>Whether the value is, or contains, an output.</summary>
    public static bool HasOutputs(object? value) => value switch
    {
        Output<object?> => true,
        IReadOnlyDictionary<string, object?> map => map.Values.Any(HasOutputs),
        IReadOnlyList<object?> list => list.Any(HasOutputs),
        _ => false,
    };

    /// <summary>
    /// The value with every output inside replaced by its value: known only when all of them are, secret when any is,
    /// depending on the resources of all of them.
    /// </summary>
    public static async Task<OutputData<object?>> ResolveAsync(object? value)
    {
        switch (value)
        {
            case Output<object?> output:
                {
                    var data = await output.DataTask.ConfigureAwait(false);
                    if (!data.IsKnown) return data;
                    var inner = await ResolveAsync(data.Value).ConfigureAwait(false);
                    return inner with { IsSecret = inner.IsSecret || data.IsSecret, Resources = inner.Resources.Union(data.Resources) };
                }
            case IReadOnlyDictionary<string, object?> map when HasOutputs(map):
                {
                    var entries = await Task.WhenAll(map.Select(async kv => (kv.Key, Data: await ResolveAsync(kv.Value).ConfigureAwait(false)))).ConfigureAwait(false);
                    var combined = Combine(entries.Select(e => e.Data));
                    return combined with { Value = combined.IsKnown ? entries.ToDictionary(e => e.Key, e => e.Data.Value, StringComparer.Ordinal) : null };
                }
            case IReadOnlyList<object?> list when HasOutputs(list):
                {
                    var items = await Task.WhenAll(list.Select(ResolveAsync)).ConfigureAwait(false);
                    var combined = Combine(items);
                    return combined with { Value = combined.IsKnown ? items.Select(i => i.Value).ToList() : null };
                }
            default:
                return new OutputData<object?>(value, true, false, NoResources);
        }
    }

    /// <summary>
    /// Applies <paramref name="apply"/> to the arguments: at once when none of them holds an output (the result is a plain
    /// value, and an error is thrown here); otherwise as an output that waits for them, unknown when any is unknown
    /// (without calling <paramref name="apply"/>), secret when any is secret.
    /// </summary>
    public static object? Lift(IReadOnlyList<object?> arguments, Func<IReadOnlyList<object?>, object?> apply) =>
        arguments.Any(HasOutputs) ? LiftAsync(arguments, a => Task.FromResult(apply(a))) : apply(arguments);

    /// <summary>As <see cref="Lift"/>, for an asynchronous function; the result is always an output.</summary>
    public static Output<object?> LiftAsync(IReadOnlyList<object?> arguments, Func<IReadOnlyList<object?>, Task<object?>> apply) =>
        new(ApplyAsync(arguments, apply));

    /// <summary>A known output of <paramref name="value"/> (resolved first when it holds outputs) with the secret mark set or cleared.</summary>
    public static Output<object?> WithSecret(object? value, bool secret) =>
        new(ResolveAsync(value).ContinueWith(t => t.GetAwaiter().GetResult() with { IsSecret = secret }, TaskScheduler.Default));

    private static async Task<OutputData<object?>> ApplyAsync(IReadOnlyList<object?> arguments, Func<IReadOnlyList<object?>, Task<object?>> apply)
    {
        var resolved = await Task.WhenAll(arguments.Select(ResolveAsync)).ConfigureAwait(false);
        var combined = Combine(resolved);
        if (!combined.IsKnown) return combined;
        var result = await ResolveAsync(await apply([.. resolved.Select(r => r.Value)]).ConfigureAwait(false)).ConfigureAwait(false);
        return result with { IsSecret = result.IsSecret || combined.IsSecret, Resources = result.Resources.Union(combined.Resources) };
    }

    private static OutputData<object?> Combine(IEnumerable<OutputData<object?>> parts)
    {
        var all = parts.ToList();
        return new OutputData<object?>(null, all.All(p => p.IsKnown), all.Any(p => p.IsSecret), all.Aggregate(NoResources, (acc, p) => acc.Union(p.Resources)));
    }

    /// <summary>The value's kind in pulumi-yaml's words ("a string", "a list"), for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "nil",
        bool => "a boolean",
        double or int or long => "a number",
        string => "a string",
        IReadOnlyDictionary<string, object?> => "an object",
        IReadOnlyList<object?> => "a list",
        Resource r => $"the resource {r.GetResourceName()} ({r.GetResourceType()})",
        AssetOrArchive => "an asset or archive",
        Output<object?> => "an output",
        _ => value.GetType().Name,
    };
}
