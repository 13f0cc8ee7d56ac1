using System.Collections.Immutable;
using EcrAutomation.Providers;
using EcrAutomation.Schema;
using EcrAutomation.Yaml.Evaluation;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>
/// <c>fn::invoke</c>: calls a package's function (Pulumi's invoke) found through the <see cref="FunctionCatalog"/> by its
/// YAML token, with its evaluated arguments, and answers its result (or the <c>return</c> property of it). As in Pulumi,
/// a preview calls it too, unless an argument is unknown (then the result is unknown); a secret argument or result
/// property makes the result secret.
/// </summary>
internal static class InvokeFunction
{
    private static readonly string[] OptionKeys = ["dependsOn", "parent", "provider", "version"];
    private const string ProviderNotSupported = "fn::invoke's provider option is not supported by ecr-automation: a function runs with the stack's configuration of its package";
    private const string ProviderFix = "set the package's configuration on the stack (for example aws:region) instead of passing an explicit provider";

    /// <summary>Static checks of the long form.</summary>
    public static void Check(BuiltinExpr call, DiagnosticBag diagnostics, FunctionCatalog? functions)
    {
        if (call.Arguments is not ObjectExpr fields)
        {
            diagnostics.Error(call.Arguments.Span, "the argument to fn::invoke must be an object containing 'function', 'arguments', 'options', and 'return'");
            return;
        }
        foreach (var field in fields.Entries.Where(f => !InvokeCall.Keys.Contains(f.Key.Value, StringComparer.OrdinalIgnoreCase)))
            diagnostics.Error(field.Key.Span, $"Field '{field.Key.Value}' does not exist on Object 'fn::invoke'",
                Spelling.DidYouMean(field.Key.Value, InvokeCall.Keys) ?? "Existing fields are: function, arguments, options, return");
        var invoke = InvokeCall.FromLongForm(call);
        Expr? Field(string name) => fields.Entries.FirstOrDefault(e => string.Equals(e.Key.Value, name, StringComparison.OrdinalIgnoreCase))?.Value;
        if (Field("function") is null) diagnostics.Error(fields.Span, "missing function name ('function')");
        else if (invoke.Function is null) diagnostics.Error(Field("function")!.Span, "function name must be a string literal");
        if (Field("arguments") is { } arguments and not (ObjectExpr or NullExpr)) diagnostics.Error(arguments.Span, "function arguments ('arguments') must be an object");
        if (Field("return") is { } ret and not StringExpr) diagnostics.Error(ret.Span, "return directive must be a string literal");
        if (Field("options") is { } options) CheckOptions(options, diagnostics);
        CheckFunction(invoke, diagnostics, functions);
    }

    /// <summary>Static checks of the short form <c>fn::&lt;pkg&gt;:&lt;module&gt;:&lt;function&gt;: {arguments}</c>.</summary>
    public static void CheckShortForm(BuiltinExpr call, DiagnosticBag diagnostics, FunctionCatalog? functions)
    {
        if (call.Arguments is not (ObjectExpr or NullExpr))
            diagnostics.Error(call.Arguments.Span, $"the argument to {call.Name} must be an object of the function's arguments");
        CheckFunction(InvokeCall.FromShortForm(call), diagnostics, functions);
    }

    private static void CheckOptions(Expr options, DiagnosticBag diagnostics)
    {
        if (options is not ObjectExpr fields)
        {
            diagnostics.Error(options.Span, $"fn::invoke's options must be an object with {string.Join(", ", OptionKeys)}");
            return;
        }
        foreach (var field in fields.Entries)
        {
            if (string.Equals(field.Key.Value, "pluginDownloadURL", StringComparison.OrdinalIgnoreCase))
                diagnostics.Error(field.Key.Span, "option pluginDownloadURL is not supported by ecr-automation", "packages are built into ecr-automation; nothing is downloaded");
            else if (string.Equals(field.Key.Value, "provider", StringComparison.OrdinalIgnoreCase))
                diagnostics.Error(field.Key.Span, ProviderNotSupported, ProviderFix);
            else if (!OptionKeys.Contains(field.Key.Value, StringComparer.OrdinalIgnoreCase))
                diagnostics.Error(field.Key.Span, $"Field '{field.Key.Value}' does not exist on Object 'invokeOptions'",
                    Spelling.DidYouMean(field.Key.Value, OptionKeys) ?? $"Existing fields are: {string.Join(", ", OptionKeys)}");
        }
    }

    private static void CheckFunction(InvokeCall invoke, DiagnosticBag diagnostics, FunctionCatalog? functions)
    {
        if (functions is null || invoke.Function is null) return;
        if (Resolve(invoke, functions, out var function) is { } problem)
        {
            diagnostics.Add(problem);
            return;
        }
        foreach (var argument in invoke.Arguments?.Entries ?? [])
        {
            if (!function.Inputs.ContainsKey(argument.Key.Value))
                diagnostics.Warning(argument.Key.Span, $"{argument.Key.Value} does not exist on Invoke {function.Token}",
                    Spelling.DidYouMean(argument.Key.Value, function.Inputs.Keys) ?? ExistingFields(function.Inputs.Keys));
        }
        if (invoke.Return is { } ret && !function.Outputs.ContainsKey(ret.Value))
            diagnostics.Error(ret.Span, $"fn::invoke of {function.Token} has no property '{ret.Value}' to return",
                string.Join(" ", new[] { Spelling.DidYouMean(ret.Value, function.Outputs.Keys), ExistingFields(function.Outputs.Keys) }.OfType<string>()));
    }

    private static string ExistingFields(IEnumerable<string> names) =>
        names.Any() ? $"Existing fields are: {string.Join(", ", names.Order(StringComparer.Ordinal))}" : "The function has no fields";

    /// <summary>The function a call names, or the error saying it does not exist (with the closest one).</summary>
    private static YamlDiagnostic? Resolve(InvokeCall invoke, FunctionCatalog functions, out FunctionInfo function)
    {
        function = null!;
        var token = invoke.Function!.Value;
        if (functions.Resolve(token) is { } canonical && functions.TryGet(canonical, out function)) return null;
        var spellings = functions.Tokens.SelectMany(t => new[] { t, YamlSpelling(t) }).Distinct(StringComparer.Ordinal).ToList();
        return new YamlDiagnostic(Events.DiagnosticSeverity.Error, $"unable to find function \"{token}\"", invoke.Function.Span,
            Spelling.DidYouMean(token, spellings) ?? $"The functions ecr-automation provides are: {string.Join(", ", functions.Tokens.Select(YamlSpelling).Order(StringComparer.Ordinal))}");
    }

    /// <summary><c>aws:ec2/getVpc:getVpc</c> as a YAML program writes it: <c>aws:ec2:getVpc</c>.</summary>
    private static string YamlSpelling(string token)
    {
        var parts = token.Split(':');
        return parts.Length == 3 && parts[1].Split('/') is [var module, _] ? $"{parts[0]}:{module}:{parts[2]}" : token;
    }

    /// <summary>Evaluates a call.</summary>
    public static async ValueTask<object?> EvaluateAsync(InvokeCall invoke, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        if (invoke.Function is null) throw EvaluationError.At(invoke.Call.Span, "missing function name ('function')");
        if (Resolve(invoke, evaluator.Functions, out var function) is { } problem) throw new YamlProgramException([problem]);

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var argument in invoke.Arguments?.Entries ?? [])
            arguments[argument.Key.Value] = await evaluator.EvaluateAsync(argument.Value, ct).ConfigureAwait(false);
        var dependsOn = await DependenciesAsync(invoke, function, evaluator, ct).ConfigureAwait(false);

        return YamlValues.LiftAsync([arguments], async resolved =>
        {
            foreach (var dependency in dependsOn) await dependency.Registration.ConfigureAwait(false);
            var inputs = await PropertySerializer.SerializeAsync(resolved[0], new HashSet<Resource>()).ConfigureAwait(false);
            PropertyMap result;
            try { result = await function.InvokeAsync(inputs.AsMap, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not (OperationCanceledException or YamlProgramException))
            {
                throw EvaluationError.At(invoke.Call.Span, $"fn::invoke of {function.Token} failed: {e.Message}");
            }
            return Result(invoke, function, result, dependsOn);
        });
    }

    /// <summary>The result (or its <c>return</c> property) as a runtime value: an output, secret when a returned value is.</summary>
    private static object? Result(InvokeCall invoke, FunctionInfo function, PropertyMap result, IReadOnlyList<Resource> dependsOn)
    {
        PropertyValue value;
        bool schemaSecret;
        if (invoke.Return is { } ret)
        {
            if (!result.TryGetValue(ret.Value, out var returned))
                throw EvaluationError.At(ret.Span, $"Unable to evaluate result[{ret.Value}]",
                    $"fn::invoke of {function.Token} did not contain a property '{ret.Value}' in the returned value");
            value = returned;
            schemaSecret = function.Outputs.TryGetValue(ret.Value, out var property) && property.Secret;
        }
        else
        {
            value = PropertyValue.Of(result);
            schemaSecret = false;
            foreach (var (name, property) in function.Outputs)
            {
                if (property.Secret && result.ContainsKey(name)) schemaSecret = true;
            }
        }
        var secret = schemaSecret || value.ContainsSecrets();
        return new Output<object?>(Task.FromResult(new OutputData<object?>(PropertyConverter.ToPlainObject(value.Unsecret()), true, secret, [.. dependsOn])));
    }

    /// <summary>
    /// The call's options: <c>dependsOn</c> resources it waits for (and its result depends on), a <c>parent</c> that must
    /// be a resource and a <c>version</c> that must be a string; an explicit <c>provider</c> is not supported.
    /// </summary>
    private static async Task<IReadOnlyList<Resource>> DependenciesAsync(InvokeCall invoke, FunctionInfo function, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        var dependsOn = new List<Resource>();
        foreach (var option in invoke.Options?.Entries ?? [])
        {
            var value = await evaluator.EvaluateAsync(option.Value, ct).ConfigureAwait(false);
            switch (option.Key.Value)
            {
                case "dependsOn":
                    if (value is not IReadOnlyList<object?> list || value is IReadOnlyDictionary<string, object?>)
                        throw EvaluationError.At(option.Value.Span, "resource option dependsOn value must be a list of resources");
                    dependsOn.AddRange(list.Select(item => item as Resource ?? throw EvaluationError.At(option.Value.Span, $"expected resource, got {YamlValues.Describe(item)}")));
                    break;
                case "parent":
                    if (value is not Resource) throw EvaluationError.At(option.Value.Span, $"expected resource, got {YamlValues.Describe(value)}");
                    break;
                case "provider":
                    throw EvaluationError.At(option.Key.Span, ProviderNotSupported, ProviderFix);
                case "version":
                    if (value is not string) throw EvaluationError.At(option.Value.Span, $"unable to parse function provider version: {YamlValues.Describe(value)} is not a version string");
                    break;
                default:
                    throw EvaluationError.At(option.Key.Span, $"Field '{option.Key.Value}' does not exist on Object 'invokeOptions'");
            }
        }
        return dependsOn;
    }
}
