using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Assets;
using EcrAutomation.Schema;
using EcrAutomation.Yaml.Evaluation;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>
/// pulumi-yaml's built-in functions (<c>fn::join</c>, <c>fn::invoke</c>, ...): which names exist, their static shape
/// checks (the analysis reports them with every other error, before anything runs), and their evaluation over runtime
/// values. Names match case-insensitively, as in pulumi-yaml; a function of a package can be called as
/// <c>fn::invoke</c> or in the short form <c>fn::&lt;pkg&gt;:&lt;module&gt;:&lt;function&gt;</c>.
/// </summary>
internal static class BuiltinFunctions
{
    /// <summary>The functions this host evaluates, by their canonical spelling.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "fn::invoke", "fn::join", "fn::split", "fn::select", "fn::toJSON", "fn::toBase64", "fn::fromBase64", "fn::secret",
        "fn::unsecret", "fn::readFile", "fn::stringAsset", "fn::fileAsset", "fn::fileArchive", "fn::assetArchive",
        "fn::length", "fn::sha1", "fn::filebase64", "fn::filebase64sha256", "fn::singleOrNone",
        "fn::pulumiResourceName", "fn::pulumiResourceType",
    ];

    /// <summary>pulumi-yaml functions this host does not offer, with the reason and what to use instead.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fn::remoteAsset"] = "content is not fetched from the network; download it and use fn::fileAsset",
        ["fn::remoteArchive"] = "content is not fetched from the network; download it and use fn::fileArchive",
        ["fn::stackReference"] = "stack references are not supported; pass the value through config",
    };

    private static readonly HashSet<string> AssetFunctions = new(StringComparer.OrdinalIgnoreCase) { "fn::stringAsset", "fn::fileAsset", "fn::fileArchive", "fn::assetArchive" };

    /// <summary>The canonical spelling of a built-in's name, or null.</summary>
    private static string? Canonical(string name) => Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>fn::&lt;pkg&gt;:&lt;module&gt;(:&lt;function&gt;)</c>: pulumi-yaml's sugar for <c>fn::invoke</c>.</summary>
    private static bool IsShortInvoke(string name)
    {
        if (!name.StartsWith("fn::", StringComparison.OrdinalIgnoreCase)) return false;
        var parts = name[4..].Split(':');
        return parts.Length is 2 or 3 && parts.All(p => p.Length > 0);
    }

    /// <summary>
    /// Static checks of one call: its name, and the shape of its arguments as far as they are literals (pulumi-yaml's
    /// parse errors); adds errors to <paramref name="diagnostics"/>. <paramref name="functions"/> (when given) lets an
    /// invoke of an unknown function be reported with the closest existing one.
    /// </summary>
    public static void Check(BuiltinExpr call, DiagnosticBag diagnostics, FunctionCatalog? functions = null)
    {
        if (Canonical(call.Name) is { } canonical && canonical != call.Name) Miscapitalized(call.Span, call.Name, canonical, diagnostics);
        if (IsShortInvoke(call.Name) && Canonical(call.Name) is null)
        {
            InvokeFunction.CheckShortForm(call, diagnostics, functions);
            return;
        }
        switch (Canonical(call.Name))
        {
            case null when Unsupported.TryGetValue(call.Name, out var reason):
                diagnostics.Error(call.Span, $"{call.Name} is not supported by ecr-automation: {reason}");
                return;
            case null:
                diagnostics.Error(call.Span, $"unknown built-in function '{call.Name}'",
                    Spelling.DidYouMean(call.Name, Names) ?? $"The built-in functions are: {string.Join(", ", Names)}");
                return;
            case "fn::invoke":
                InvokeFunction.Check(call, diagnostics, functions);
                return;
            case "fn::join":
                CheckPair(call, diagnostics, "the argument to fn::join must be a two-valued list");
                return;
            case "fn::split":
                CheckPair(call, diagnostics, "The argument to fn::split must be a two-values list");
                return;
            case "fn::select":
                if (CheckPair(call, diagnostics, "the argument to fn::select must be a two-valued list") is [NumberExpr index, _] && !IsIndex(index.Value))
                    diagnostics.Error(index.Span, $"index must be a positive integral, not {index.Value.ToString(CultureInfo.InvariantCulture)}");
                return;
            case "fn::assetArchive":
                CheckAssetArchive(call, diagnostics);
                return;
            case "fn::stringAsset" or "fn::fileAsset" or "fn::fileArchive" or "fn::readFile" or "fn::filebase64" or "fn::filebase64sha256" or "fn::sha1" or "fn::toBase64" or "fn::fromBase64":
                if (call.Arguments is NullExpr or BooleanExpr or NumberExpr or ListExpr or ObjectExpr)
                    diagnostics.Error(call.Arguments.Span, $"the argument to {Canonical(call.Name)} must be a string, not {ExpressionKinds.Describe(call.Arguments)}");
                return;
        }
    }

    /// <summary>Evaluates one call, its arguments through <paramref name="evaluator"/>.</summary>
    /// <exception cref="YamlProgramException">The arguments do not fit the function (positioned, in pulumi-yaml's words).</exception>
    public static async ValueTask<object?> EvaluateAsync(BuiltinExpr call, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        if (Canonical(call.Name) is not { } name)
        {
            if (IsShortInvoke(call.Name)) return await InvokeFunction.EvaluateAsync(InvokeCall.FromShortForm(call), evaluator, ct).ConfigureAwait(false);
            throw EvaluationError.At(call.Span, Unsupported.TryGetValue(call.Name, out var reason)
                ? $"{call.Name} is not supported by ecr-automation: {reason}"
                : $"unknown built-in function '{call.Name}'");
        }
        var arguments = call.Arguments;
        switch (name)
        {
            case "fn::invoke":
                return await InvokeFunction.EvaluateAsync(InvokeCall.FromLongForm(call), evaluator, ct).ConfigureAwait(false);
            case "fn::join":
                {
                    var (separator, items) = await PairAsync(call, evaluator, ct, "the argument to fn::join must be a two-valued list").ConfigureAwait(false);
                    return YamlValues.Lift([separator.Value, items.Value], a => Join(a[0], a[1], separator.Expr, items.Expr));
                }
            case "fn::split":
                {
                    var (separator, text) = await PairAsync(call, evaluator, ct, "The argument to fn::split must be a two-values list").ConfigureAwait(false);
                    return YamlValues.Lift([separator.Value, text.Value], a =>
                    {
                        var s = a[0] as string ?? throw EvaluationError.At(separator.Expr.Span, $"Must be a string, not {YamlValues.Describe(a[0])}");
                        var t = a[1] as string ?? throw EvaluationError.At(text.Expr.Span, $"Must be a string, not {YamlValues.Describe(a[1])}");
                        return t.Split(s).Cast<object?>().ToList();
                    });
                }
            case "fn::select":
                {
                    var (index, items) = await PairAsync(call, evaluator, ct, "the argument to fn::select must be a two-valued list").ConfigureAwait(false);
                    return YamlValues.Lift([index.Value, items.Value], a => Select(a[0], a[1], index.Expr, items.Expr));
                }
            case "fn::toJSON":
                return YamlValues.Lift([await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false)], a => JsonText.Write(a[0], arguments.Span));
            case "fn::toBase64":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(String(v, arguments, $"expected argument to fn::toBase64 to be a string, got {YamlValues.Describe(v)}"))));
            case "fn::fromBase64":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v => FromBase64(String(v, arguments, $"expected argument to fn::fromBase64 to be a string, got {YamlValues.Describe(v)}"), arguments.Span));
            case "fn::secret":
                return YamlValues.WithSecret(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), secret: true);
            case "fn::unsecret":
                return YamlValues.WithSecret(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), secret: false);
            case "fn::readFile":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                    Encoding.UTF8.GetString(ReadFile(evaluator, String(v, arguments, $"Argument to fn::readFile must be a string, got {YamlValues.Describe(v)}"), arguments.Span, "Error reading file at path")));
            case "fn::filebase64":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                    Convert.ToBase64String(ReadFile(evaluator, String(v, arguments, $"fn::filebase64 requires a string path, got {YamlValues.Describe(v)}"), arguments.Span, "fn::filebase64 error reading file")));
            case "fn::filebase64sha256":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                    Convert.ToBase64String(SHA256.HashData(ReadFile(evaluator, String(v, arguments, $"fn::filebase64sha256 requires a string path, got {YamlValues.Describe(v)}"), arguments.Span, "fn::filebase64sha256 error reading file"))));
            case "fn::sha1":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                    Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(String(v, arguments, $"fn::sha1 requires a string, got {YamlValues.Describe(v)}")))));
            case "fn::length":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v => v switch
                {
                    string s => (double)new StringInfo(s).LengthInTextElements,
                    IReadOnlyDictionary<string, object?> map => (double)map.Count,
                    IReadOnlyList<object?> list => (double)list.Count,
                    _ => throw EvaluationError.At(arguments.Span, $"fn::length requires a list, map, or string, got {YamlValues.Describe(v)}"),
                });
            case "fn::singleOrNone":
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v => v switch
                {
                    IReadOnlyList<object?> { Count: 0 } => null,
                    IReadOnlyList<object?> { Count: 1 } one => one[0],
                    IReadOnlyList<object?> many => throw EvaluationError.At(arguments.Span, $"fn::singleOrNone expected a list of 0 or 1 elements, got {many.Count}"),
                    _ => throw EvaluationError.At(arguments.Span, $"fn::singleOrNone requires a list, got {YamlValues.Describe(v)}"),
                });
            case "fn::pulumiResourceName":
                return await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false) is Resource named
                    ? named.GetResourceName()
                    : throw EvaluationError.At(arguments.Span, "fn::pulumiResourceName requires a resource");
            case "fn::pulumiResourceType":
                return await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false) is Resource typed
                    ? typed.GetResourceType()
                    : throw EvaluationError.At(arguments.Span, "fn::pulumiResourceType requires a resource");
            case "fn::assetArchive":
                return await AssetArchiveAsync(call, evaluator, ct).ConfigureAwait(false);
            default: // fn::stringAsset, fn::fileAsset, fn::fileArchive
                return Lift1(await evaluator.EvaluateAsync(arguments, ct).ConfigureAwait(false), v =>
                {
                    var text = String(v, arguments, $"Argument to {name} must be a string, got {YamlValues.Describe(v)}");
                    return name switch
                    {
                        "fn::stringAsset" => (object)new StringAsset(text),
                        "fn::fileAsset" => new FileAsset(Path.GetFullPath(text, evaluator.ProjectDirectory)),
                        _ => new FileArchive(Path.GetFullPath(text, evaluator.ProjectDirectory)),
                    };
                });
        }
    }

    /// <summary>pulumi-yaml's warning for a name matched case-insensitively.</summary>
    internal static void Miscapitalized(SourceSpan span, string found, string expected, DiagnosticBag diagnostics) =>
        diagnostics.Warning(span, $"'{found}' looks like a miscapitalization of '{expected}'",
            "A future version of Pulumi YAML will enforce camelCase fields. See https://github.com/pulumi/pulumi-yaml/issues/355 for details.");

    private static object? Lift1(object? value, Func<object?, object?> apply) => YamlValues.Lift([value], a => apply(a[0]));

    private static string String(object? value, Expr expr, string message) => value as string ?? throw EvaluationError.At(expr.Span, message);

    private static bool IsIndex(double value) => value >= 0 && value == Math.Floor(value) && value <= int.MaxValue;

    private static IReadOnlyList<Expr>? CheckPair(BuiltinExpr call, DiagnosticBag diagnostics, string message)
    {
        if (call.Arguments is ListExpr { Items.Count: 2 } list) return list.Items;
        if (call.Arguments is not SymbolExpr) diagnostics.Error(call.Arguments.Span, message);
        return null;
    }

    private static async Task<((Expr Expr, object? Value) First, (Expr Expr, object? Value) Second)> PairAsync(BuiltinExpr call, IExpressionEvaluator evaluator, CancellationToken ct, string message)
    {
        if (call.Arguments is not ListExpr { Items: [var first, var second] }) throw EvaluationError.At(call.Arguments.Span, message);
        return ((first, await evaluator.EvaluateAsync(first, ct).ConfigureAwait(false)), (second, await evaluator.EvaluateAsync(second, ct).ConfigureAwait(false)));
    }

    private static string Join(object? separator, object? items, Expr separatorExpr, Expr itemsExpr)
    {
        var s = separator switch
        {
            null => "",
            string text => text,
            _ => throw EvaluationError.At(separatorExpr.Span, $"delimiter must be a string, not {YamlValues.Describe(separator)}"),
        };
        if (items is not IReadOnlyList<object?> list || items is IReadOnlyDictionary<string, object?>)
            throw EvaluationError.At(itemsExpr.Span, $"the second argument to fn::join must be a list, found {YamlValues.Describe(items)}");
        var parts = list.Select((item, i) => item as string ?? throw EvaluationError.At(itemsExpr.Span,
            $"the second argument to fn::join must be a list of strings, found {YamlValues.Describe(item)} at index {i}"));
        return string.Join(s, parts);
    }

    private static object? Select(object? index, object? items, Expr indexExpr, Expr itemsExpr)
    {
        if (index is not double i) throw EvaluationError.At(indexExpr.Span, $"index must be a number, not {YamlValues.Describe(index)}");
        if (!IsIndex(i)) throw EvaluationError.At(indexExpr.Span, $"index must be a positive integral, not {i.ToString(CultureInfo.InvariantCulture)}");
        if (items is not IReadOnlyList<object?> list || items is IReadOnlyDictionary<string, object?>)
            throw EvaluationError.At(itemsExpr.Span, $"the second argument to fn::select must be a list, found {YamlValues.Describe(items)}");
        return (int)i < list.Count ? list[(int)i] : throw EvaluationError.At(indexExpr.Span, $"list index {(int)i} out-of-bounds for list of length {list.Count}");
    }

    private static string FromBase64(string text, SourceSpan span)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(text); }
        catch (FormatException e) { throw EvaluationError.At(span, $"fn::fromBase64 unable to decode {text}, error: {e.Message}"); }
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw EvaluationError.At(span, "fn::fromBase64 output is not a valid UTF-8 string"); }
    }

    private static byte[] ReadFile(IExpressionEvaluator evaluator, string path, SourceSpan span, string failure)
    {
        var full = Path.GetFullPath(path, evaluator.ProjectDirectory);
        try { return File.ReadAllBytes(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EvaluationError.At(span, $"{failure} {path}: {e.Message}", $"relative paths resolve against the project folder {evaluator.ProjectDirectory}");
        }
    }

    private static void CheckAssetArchive(BuiltinExpr call, DiagnosticBag diagnostics)
    {
        if (call.Arguments is not ObjectExpr members)
        {
            if (call.Arguments is not SymbolExpr) diagnostics.Error(call.Arguments.Span, "the argument to fn::assetArchive must be an object");
            return;
        }
        foreach (var member in members.Entries)
        {
            if (member.Value is BuiltinExpr inner && AssetFunctions.Contains(inner.Name)) Check(inner, diagnostics);
            else diagnostics.Error(member.Value.Span, $"value must be an asset or an archive, not {ExpressionKinds.Describe(member.Value)}");
        }
    }

    private static async Task<object?> AssetArchiveAsync(BuiltinExpr call, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        if (call.Arguments is not ObjectExpr members) throw EvaluationError.At(call.Arguments.Span, "the argument to fn::assetArchive must be an object");
        var keys = new List<string>();
        var values = new List<object?>();
        foreach (var member in members.Entries)
        {
            keys.Add(member.Key.Value);
            values.Add(await evaluator.EvaluateAsync(member.Value, ct).ConfigureAwait(false));
        }
        return YamlValues.Lift(values, resolved => new AssetArchive(keys.Zip(resolved).ToDictionary(
            kv => kv.First,
            kv => kv.Second as AssetOrArchive ?? throw EvaluationError.At(members[kv.First]!.Span, $"value must be an asset or an archive, not {YamlValues.Describe(kv.Second)}"),
            StringComparer.Ordinal)));
    }
}
