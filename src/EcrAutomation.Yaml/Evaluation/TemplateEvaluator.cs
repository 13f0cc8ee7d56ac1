using EcrAutomation.Deployment;
using EcrAutomation.Schema;
using EcrAutomation.Yaml.Analysis;
using EcrAutomation.Yaml.Builtins;
using EcrAutomation.Yaml.Configuration;
using EcrAutomation.Yaml.Options;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Evaluation;

/// <summary>
/// Runs a checked template inside a deployment: variables and resources in dependency order, each expression into a
/// runtime value (null, string, double, bool, lists, maps, <c>Output&lt;object?&gt;</c>, resources, assets), each
/// resource constructed from the same C# class a C# program uses; then the outputs. Names resolve as in pulumi-yaml:
/// resources first, then config, then variables.
/// </summary>
internal sealed class TemplateEvaluator(TemplateDecl template, CheckedTemplate checkedTemplate, ConfigValues config, YamlRunContext context, DeploymentContext deployment)
    : IExpressionEvaluator
{
    private readonly Dictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public bool IsDryRun => deployment.IsPreview;
    public string ProjectDirectory => context.ProjectDirectory;
    public FunctionCatalog Functions => context.Functions;

    /// <summary>
    /// Evaluates the template. When the engine stops the program (a resource failed, or the user canceled) it returns
    /// early with no outputs, so that the engine reports the failure that stopped it rather than the cancellation.
    /// </summary>
    public async Task<IDictionary<string, object?>> RunAsync(CancellationToken ct)
    {
        try
        {
            foreach (var node in checkedTemplate.Order)
            {
                if (ct.IsCancellationRequested) return new Dictionary<string, object?>();
                switch (node.Kind)
                {
                    case TemplateNodeKind.Variable:
                        _variables[node.Name] = await EvaluateAsync(node.Variable!.Value, ct).ConfigureAwait(false);
                        break;
                    case TemplateNodeKind.Resource:
                        _resources[node.Name] = await ConstructAsync(node.Resource!, ct).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new Dictionary<string, object?>();
        }
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var output in template.Outputs) outputs[output.Key.Value] = await EvaluateAsync(output.Value, ct).ConfigureAwait(false);
        return outputs;
    }

    private async Task<Resource> ConstructAsync(ResourceDecl decl, CancellationToken ct)
    {
        var name = decl.Key.Value;
        var info = checkedTemplate.ResourceTypes[name];
        var properties = decl.Get is { } get ? get.State : decl.Properties;
        var inputs = properties is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : (IReadOnlyDictionary<string, object?>)(await EvaluateAsync(properties, ct).ConfigureAwait(false))!;
        var options = await ResourceOptionsReader.ReadAsync(decl.Options, OptionsTarget.For(name, info), this, ct).ConfigureAwait(false);
        if (decl.Get is not null) options.Id = await ReadIdAsync(decl.Get, ct).ConfigureAwait(false);
        if (options.Provider is null && !info.IsProvider && DefaultProviderFor(info) is { } provider) options.Provider = provider;
        try
        {
            return await info.ConstructAsync(decl.LogicalName?.Value ?? name, inputs, options, ct).ConfigureAwait(false);
        }
        catch (InputConversionException e)
        {
            var span = decl.Properties?.Entries.FirstOrDefault(p => p.Key.Value == e.Property.Split('.', '[')[0])?.Value.Span ?? decl.Span;
            throw new YamlProgramException([new(Events.DiagnosticSeverity.Error, $"resource {name} ({info.Token}): {e.Message}", span)]);
        }
    }

    /// <summary>The id <c>get:</c> reads: a string, or an output of one (unknown in a preview while its resource is to be created).</summary>
    private async Task<Input<string>> ReadIdAsync(GetResourceDecl get, CancellationToken ct) =>
        await EvaluateAsync(get.Id, ct).ConfigureAwait(false) switch
        {
            string id => id,
            Output<object?> output => output.Apply(value => value as string
                ?? throw EvaluationError.At(get.Id.Span, $"get.id must be a string (the id of the resource to read), not {YamlValues.Describe(value)}")),
            var other => throw EvaluationError.At(get.Id.Span, $"get.id must be a string (the id of the resource to read), not {YamlValues.Describe(other)}"),
        };

    /// <summary>
    /// The <c>defaultProvider: true</c> provider that applies: the one of the resource's package; for a component (whose
    /// children may be of another package) the only one the program declares.
    /// </summary>
    private ProviderResource? DefaultProviderFor(ResourceTypeInfo info)
    {
        if (checkedTemplate.DefaultProviders.TryGetValue(TemplateChecker.Package(info.Token), out var key)) return (ProviderResource)_resources[key];
        return info.IsComponent && checkedTemplate.DefaultProviders.Count == 1 ? (ProviderResource)_resources[checkedTemplate.DefaultProviders.Values.Single()] : null;
    }

    public async ValueTask<object?> EvaluateAsync(Expr expr, CancellationToken ct)
    {
        switch (expr)
        {
            case NullExpr: return null;
            case BooleanExpr b: return b.Value;
            case NumberExpr n: return n.Value;
            case StringExpr s: return s.Value;
            case ListExpr list:
                {
                    var items = new List<object?>(list.Items.Count);
                    foreach (var item in list.Items) items.Add(await EvaluateAsync(item, ct).ConfigureAwait(false));
                    return items;
                }
            case ObjectExpr obj:
                {
                    var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var entry in obj.Entries) entries[entry.Key.Value] = await EvaluateAsync(entry.Value, ct).ConfigureAwait(false);
                    return entries;
                }
            case SymbolExpr symbol:
                return Access(symbol.Access);
            case InterpolateExpr interpolation:
                {
                    var values = interpolation.Parts.Select(p => p.Access is null ? null : Access(p.Access)).ToList();
                    return YamlValues.Lift(values, resolved => string.Concat(interpolation.Parts.Select((p, i) =>
                        p.Text + (p.Access is null ? "" : Interpolated(resolved[i], p.Access)))));
                }
            case BuiltinExpr call:
                return await BuiltinFunctions.EvaluateAsync(call, this, ct).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"unexpected expression {expr.GetType().Name}");
        }
    }

    /// <summary>A value's text inside an interpolated string: numbers as pulumi-yaml prints them, objects and lists as JSON.</summary>
    private static string Interpolated(object? value, PropertyAccess access) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        Resource r => throw Error(access.Span, $"cannot interpolate the resource {r.GetResourceName()} into a string", $"use ${{{access}.id}} or one of its properties"),
        _ => JsonText.Write(value, access.Span),
    };

    /// <summary>Evaluates a property access: its root, then each accessor, through outputs where the value is one.</summary>
    private object? Access(PropertyAccess access)
    {
        var value = Root(access);
        for (var i = 0; i < access.Accessors.Count; i++) value = Step(value, access, i);
        return value;
    }

    private object? Root(PropertyAccess access)
    {
        if (_resources.TryGetValue(access.Root, out var resource)) return resource;
        if (config.TryGet(access.Root, out var value)) return value;
        if (_variables.TryGetValue(access.Root, out value)) return value;
        if (access.Root == TemplateChecker.PulumiRoot) return PulumiFacts();
        throw Error(access.Span, $"resource or variable named \"{access.Root}\" could not be found");
    }

    private Dictionary<string, object?> PulumiFacts() => new(StringComparer.Ordinal)
    {
        ["stack"] = deployment.StackName,
        ["project"] = deployment.ProjectName,
        ["organization"] = "organization",
        ["cwd"] = ProjectDirectory,
        ["rootDirectory"] = ProjectDirectory,
    };

    private object? Step(object? value, PropertyAccess access, int index)
    {
        var accessor = access.Accessors[index];
        switch (value)
        {
            case Output<object?> output:
                return YamlValues.Lift([output], resolved => Step(resolved[0], access, index));
            case Resource resource:
                return ResourceProperty(resource, accessor, access, index);
            case IReadOnlyList<object?> list:
                if (accessor is not PropertyIndex { Index: var i })
                    throw Error(access.Span, "cannot access a list element using a property name", $"{access.Format(index)} is a list; use an index such as [0]");
                if (i >= list.Count) throw Error(access.Span, $"list index {i} out-of-bounds for list of length {list.Count}", $"in ${{{access}}}");
                return list[i];
            case IReadOnlyDictionary<string, object?> map:
                {
                    var key = accessor switch
                    {
                        PropertyName n => n.Name,
                        PropertyKey k => k.Key,
                        _ => throw Error(access.Span, $"cannot index into {access.Format(index)} with an integer: it is an object", "use [\"key\"] or .key"),
                    };
                    return map.TryGetValue(key, out var entry) ? entry : null;
                }
            case null:
                throw Error(access.Span, $"cannot access {accessor.ToString().TrimStart('.')} of {access.Format(index)}: the value is null", $"in ${{{access}}}");
            default:
                throw Error(access.Span, $"cannot access {accessor.ToString().TrimStart('.')} of {access.Format(index)}: it is {YamlValues.Describe(value)}", $"in ${{{access}}}");
        }
    }

    private object? ResourceProperty(Resource resource, PropertyAccessor accessor, PropertyAccess access, int index)
    {
        var name = accessor switch
        {
            PropertyName n => n.Name,
            PropertyKey k => k.Key,
            _ => throw Error(access.Span, $"cannot index into the resource {access.Format(index)}", "read one of its properties instead"),
        };
        switch (name)
        {
            case "urn": return resource.Urn.Apply(urn => (object?)urn);
            case "id" when resource is CustomResource custom: return custom.Id.Apply(id => (object?)id);
        }
        if (!context.Resources.TryGet(resource.GetResourceType(), out var info))
            throw Error(access.Span, $"the type of {access.Format(index)} ('{resource.GetResourceType()}') is not known to this host");
        return info.ReadOutput(resource, name) ?? throw Error(access.Span,
            $"Property {name} does not exist on '{info.Token}'",
            $"Existing properties are: {string.Join(", ", info.Outputs.Keys.Concat(["id", "urn"]).Order(StringComparer.Ordinal))}");
    }

    private static YamlProgramException Error(SourceSpan span, string message, string? detail = null) =>
        new([new YamlDiagnostic(Events.DiagnosticSeverity.Error, message, span, detail)]);
}
