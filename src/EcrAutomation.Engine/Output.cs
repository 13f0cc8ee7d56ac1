using System.Collections.Immutable;

namespace EcrAutomation;

/// <summary>Non-generic view of an output, used by serialization.</summary>
internal interface IOutput
{
    Task<OutputData<object?>> GetDataAsync();
}

/// <summary>
/// A value that becomes available as the deployment proceeds. It may be unknown during preview, may be secret,
/// and remembers which resources it depends on. Outputs are immutable: every combinator returns a new output.
/// </summary>
public sealed class Output<T> : IOutput
{
    internal Output(Task<OutputData<T>> dataTask) => DataTask = dataTask;

    internal Task<OutputData<T>> DataTask { get; }

    internal Task<OutputData<T>> GetDataAsync() => DataTask;

    async Task<OutputData<object?>> IOutput.GetDataAsync()
    {
        var d = await DataTask.ConfigureAwait(false);
        return new OutputData<object?>(d.Value, d.IsKnown, d.IsSecret, d.Resources);
    }

    /// <summary>Transforms the value when it is known; stays unknown (without calling <paramref name="func"/>) otherwise.</summary>
    public Output<U> Apply<U>(Func<T, U> func) => Apply(v => Task.FromResult(func(v)));

    /// <summary>Transforms the value asynchronously when it is known.</summary>
    public Output<U> Apply<U>(Func<T, Task<U>> func) => new(ApplyAsync(func));

    /// <summary>Transforms the value into another output and flattens it.</summary>
    public Output<U> Apply<U>(Func<T, Output<U>> func) => new(ApplyOutputAsync(func));

    /// <summary>Transforms the value into an input and flattens it.</summary>
    public Output<U> Apply<U>(Func<T, Input<U>> func) => Apply(v => func(v).ToOutput());

    private async Task<OutputData<U>> ApplyAsync<U>(Func<T, Task<U>> func)
    {
        var data = await DataTask.ConfigureAwait(false);
        if (!data.IsKnown) return OutputData<U>.Unknown(data.IsSecret, data.Resources);
        var value = await func(data.Value).ConfigureAwait(false);
        return new OutputData<U>(value, true, data.IsSecret, data.Resources);
    }

    private async Task<OutputData<U>> ApplyOutputAsync<U>(Func<T, Output<U>> func)
    {
        var data = await DataTask.ConfigureAwait(false);
        if (!data.IsKnown) return OutputData<U>.Unknown(data.IsSecret, data.Resources);
        var inner = await func(data.Value).DataTask.ConfigureAwait(false);
        return inner with { IsSecret = inner.IsSecret || data.IsSecret, Resources = data.Resources.Union(inner.Resources) };
    }

    /// <summary>Implicit conversion of a plain value to a known output.</summary>
    public static implicit operator Output<T>(T value) => Output.Create(value);

    /// <summary>Outputs cannot be printed: their value may not exist yet. Use Apply.</summary>
    public override string ToString() =>
        "Output<T> values cannot be converted to a string; use Apply(v => ...) or Output.Format($\"...\").";
}

/// <summary>Factory and combinator methods for <see cref="Output{T}"/>.</summary>
public static class Output
{
    private static readonly ImmutableHashSet<Resource> NoResources = ImmutableHashSet<Resource>.Empty;

    /// <summary>A known output of a plain value, depending on no resource.</summary>
    public static Output<T> Create<T>(T value) => new(Task.FromResult(new OutputData<T>(value, true, false, NoResources)));

    /// <summary>An output that becomes known when <paramref name="value"/> completes.</summary>
    public static Output<T> Create<T>(Task<T> value) => new(value.ContinueWith(
        t => new OutputData<T>(t.GetAwaiter().GetResult(), true, false, NoResources), TaskScheduler.Default));

    /// <summary>A known secret output of a plain value: encrypted in state, hidden in events and output.</summary>
    public static Output<T> CreateSecret<T>(T value) => new(Task.FromResult(new OutputData<T>(value, true, true, NoResources)));

    /// <summary>Marks an output as secret.</summary>
    public static Output<T> CreateSecret<T>(Output<T> value) => new(value.DataTask.ContinueWith(
        t => t.GetAwaiter().GetResult() with { IsSecret = true }, TaskScheduler.Default));

    /// <summary>Removes the secret mark of an output.</summary>
    public static Output<T> Unsecret<T>(Output<T> value) => new(value.DataTask.ContinueWith(
        t => t.GetAwaiter().GetResult() with { IsSecret = false }, TaskScheduler.Default));

    /// <summary>Whether the output is secret.</summary>
    public static async Task<bool> IsSecretAsync<T>(Output<T> value) => (await value.DataTask.ConfigureAwait(false)).IsSecret;

    /// <summary>Combines inputs into one output of all their values, in order.</summary>
    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs) => All(inputs.AsEnumerable());

    /// <summary>Combines inputs into one output of all their values, in order.</summary>
    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs) => new(AllAsync(inputs.Select(i => i.ToOutput()).ToList()));

    private static async Task<OutputData<ImmutableArray<T>>> AllAsync<T>(IReadOnlyList<Output<T>> outputs)
    {
        var data = await Task.WhenAll(outputs.Select(o => o.DataTask)).ConfigureAwait(false);
        var resources = data.Aggregate(NoResources, (acc, d) => acc.Union(d.Resources));
        var secret = data.Any(d => d.IsSecret);
        return data.All(d => d.IsKnown)
            ? new OutputData<ImmutableArray<T>>([.. data.Select(d => d.Value)], true, secret, resources)
            : OutputData<ImmutableArray<T>>.Unknown(secret, resources);
    }

    /// <summary>Combines two inputs into one output of both values; unknown while either is, secret if either is.</summary>
    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> a, Input<T2> b) =>
        new(TupleAsync(a.ToOutput(), b.ToOutput()));

    /// <summary>Combines three inputs into one output of their values; unknown while any is, secret if any is.</summary>
    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> a, Input<T2> b, Input<T3> c) =>
        Tuple<(T1, T2), T3>(Tuple(a, b), c).Apply(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));

    private static async Task<OutputData<(T1, T2)>> TupleAsync<T1, T2>(Output<T1> a, Output<T2> b)
    {
        var da = await a.DataTask.ConfigureAwait(false);
        var db = await b.DataTask.ConfigureAwait(false);
        var resources = da.Resources.Union(db.Resources);
        var secret = da.IsSecret || db.IsSecret;
        return da.IsKnown && db.IsKnown
            ? new OutputData<(T1, T2)>((da.Value, db.Value), true, secret, resources)
            : OutputData<(T1, T2)>.Unknown(secret, resources);
    }

    /// <summary>Formats a string whose holes may be outputs or inputs: <c>Output.Format($"{bucket.Name}/key")</c>.</summary>
    public static Output<string> Format(FormattableString formattable)
    {
        var args = formattable.GetArguments();
        var outputs = args.Select(ToObjectOutput).ToList();
        return new Output<string>(FormatAsync(formattable.Format, outputs));
    }

    private static async Task<OutputData<string>> FormatAsync(string format, IReadOnlyList<Task<OutputData<object?>>> parts)
    {
        var data = await Task.WhenAll(parts).ConfigureAwait(false);
        var resources = data.Aggregate(NoResources, (acc, d) => acc.Union(d.Resources));
        var secret = data.Any(d => d.IsSecret);
        if (data.Any(d => !d.IsKnown)) return OutputData<string>.Unknown(secret, resources);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, data.Select(d => d.Value).ToArray());
        return new OutputData<string>(text, true, secret, resources);
    }

    private static Task<OutputData<object?>> ToObjectOutput(object? value) => value switch
    {
        IOutput o => o.GetDataAsync(),
        IInput i => i.ToOutputObject().GetDataAsync(),
        _ => Task.FromResult(new OutputData<object?>(value, true, false, NoResources)),
    };
}
