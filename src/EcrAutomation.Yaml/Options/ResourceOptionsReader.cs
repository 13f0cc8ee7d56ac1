using System.Text.RegularExpressions;
using EcrAutomation.Schema;
using EcrAutomation.Yaml.Builtins;
using EcrAutomation.Yaml.Evaluation;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Options;

/// <summary>
/// A resource's <c>options:</c>: static checks (names, with "did you mean"; literal types), and their reading into the
/// engine's <see cref="CustomResourceOptions"/> or <see cref="ComponentResourceOptions"/>. Every pulumi-yaml option the
/// engine supports maps to its engine option; the others are errors naming the option, never silently ignored.
/// </summary>
internal static partial class ResourceOptionsReader
{
    /// <summary>The options this host supports, spelled as pulumi-yaml spells them.</summary>
    public static readonly IReadOnlyList<string> Supported =
    [
        "additionalSecretOutputs", "aliases", "customTimeouts", "deleteBeforeReplace", "dependsOn", "ignoreChanges", "import",
        "parent", "protect", "provider", "providers", "replaceOnChanges", "retainOnDelete", "version",
    ];

    /// <summary>pulumi-yaml options this host does not support, with why.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pluginDownloadURL"] = "packages are built into ecr-automation; nothing is downloaded",
        ["replaceWith"] = "the engine has no replace-with relationships",
        ["deletedWith"] = "the engine has no deleted-with relationships",
        ["hideDiffs"] = "the engine shows every diff",
        ["replacementTrigger"] = "use replaceOnChanges, or `up --replace <urn>`",
        ["envVarMappings"] = "providers read the stack's config, not mapped environment variables",
    };

    private static readonly string[] BooleanOptions = ["protect", "deleteBeforeReplace", "retainOnDelete"];
    private static readonly string[] StringListOptions = ["ignoreChanges", "replaceOnChanges", "additionalSecretOutputs"];
    private static readonly string[] CustomOnlyOptions = ["deleteBeforeReplace", "import", "additionalSecretOutputs"];
    private static readonly string[] TimeoutFields = ["create", "update", "delete"];
    private static readonly string[] AliasFields = ["urn", "name", "type", "parent", "noParent"];

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemanticVersion();

    /// <summary>The canonical spelling of a supported option, or null.</summary>
    private static string? Canonical(string name) => Supported.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Static checks of one resource's <c>options:</c> (every problem into <paramref name="diagnostics"/>).</summary>
    public static void Check(ObjectExpr options, DiagnosticBag diagnostics)
    {
        foreach (var (key, value) in options.Entries.Select(e => (e.Key, e.Value)))
        {
            if (Canonical(key.Value) is { } canonical && canonical != key.Value) BuiltinFunctions.Miscapitalized(key.Span, key.Value, canonical, diagnostics);
            switch (Canonical(key.Value))
            {
                case null when Unsupported.TryGetValue(key.Value, out var reason):
                    diagnostics.Error(key.Span, $"option {key.Value} is not supported by ecr-automation", reason);
                    break;
                case null:
                    diagnostics.Error(key.Span, $"Field '{key.Value}' does not exist on Object 'options'",
                        Spelling.DidYouMean(key.Value, Supported) ?? $"Existing fields are: {string.Join(", ", Supported)}");
                    break;
                case var name when BooleanOptions.Contains(name):
                    if (value is not (BooleanExpr or SymbolExpr or BuiltinExpr)) diagnostics.Error(value.Span, $"option {name} must be a boolean, not {ExpressionKinds.Describe(value)}");
                    break;
                case var name when StringListOptions.Contains(name):
                    if (value is ListExpr list)
                    {
                        foreach (var item in list.Items.Where(i => i is not (StringExpr or InterpolateExpr or SymbolExpr)))
                            diagnostics.Error(item.Span, $"option {name} must be a list of property names (strings), not a list with {ExpressionKinds.Describe(item)}");
                    }
                    else if (value is not (SymbolExpr or BuiltinExpr)) diagnostics.Error(value.Span, $"option {name} must be a list of property names (strings), not {ExpressionKinds.Describe(value)}");
                    break;
                case "dependsOn":
                    if (value is ListExpr resources) CheckResources(resources.Items, "dependsOn", diagnostics);
                    else if (value is not SymbolExpr) diagnostics.Error(value.Span, "resource option dependsOn value must be a list of resources");
                    break;
                case "providers":
                    if (value is ListExpr providerList) CheckResources(providerList.Items, "providers", diagnostics);
                    else if (value is ObjectExpr providerMap) CheckResources([.. providerMap.Entries.Select(e => e.Value)], "providers", diagnostics);
                    else if (value is not SymbolExpr) diagnostics.Error(value.Span, "option providers must be a list of provider resources (or a map from package to provider)");
                    break;
                case "parent" or "provider":
                    CheckResources([value], key.Value, diagnostics);
                    break;
                case "customTimeouts":
                    CheckTimeouts(value, diagnostics);
                    break;
                case "aliases":
                    CheckAliases(value, diagnostics);
                    break;
                case "import":
                    if (value is not (StringExpr or InterpolateExpr or SymbolExpr)) diagnostics.Error(value.Span, $"option import must be a string (the id of the resource to adopt), not {ExpressionKinds.Describe(value)}");
                    break;
                case "version":
                    if (value is not StringExpr version) diagnostics.Error(value.Span, $"option version must be a version string such as 6.0.0, not {ExpressionKinds.Describe(value)}");
                    else if (!SemanticVersion().IsMatch(version.Value)) diagnostics.Error(value.Span, $"unable to parse version '{version.Value}': it must be a semantic version such as 6.0.0");
                    break;
            }
        }
    }

    private static void CheckResources(IEnumerable<Expr> items, string option, DiagnosticBag diagnostics)
    {
        foreach (var item in items.Where(i => i is not SymbolExpr))
            diagnostics.Error(item.Span, $"option {option} must refer to resources as ${{name}}, not {ExpressionKinds.Describe(item)}");
    }

    private static void CheckTimeouts(Expr value, DiagnosticBag diagnostics)
    {
        if (value is not ObjectExpr timeouts)
        {
            if (value is not SymbolExpr) diagnostics.Error(value.Span, $"option customTimeouts must be an object with create, update and delete durations, not {ExpressionKinds.Describe(value)}");
            return;
        }
        foreach (var (field, duration) in timeouts.Entries.Select(e => (e.Key, e.Value)))
        {
            if (!TimeoutFields.Contains(field.Value))
                diagnostics.Error(field.Span, $"Field '{field.Value}' does not exist on Object 'customTimeouts'",
                    field.Value == "read" ? "ecr-automation has no read timeout; reads use the provider's own" : Spelling.DidYouMean(field.Value, TimeoutFields) ?? "Existing fields are: create, update, delete");
            else if (duration is StringExpr text && GoDuration.Parse(text.Value) is null)
                diagnostics.Error(duration.Span, InvalidDuration(field.Value, text.Value));
            else if (duration is not (StringExpr or InterpolateExpr or SymbolExpr))
                diagnostics.Error(duration.Span, $"customTimeouts.{field.Value} must be a duration string such as 5m, not {ExpressionKinds.Describe(duration)}");
        }
    }

    private static void CheckAliases(Expr value, DiagnosticBag diagnostics)
    {
        if (value is not ListExpr aliases)
        {
            if (value is not SymbolExpr) diagnostics.Error(value.Span, $"option aliases must be a list of URNs or {{name, type, parent, noParent}} objects, not {ExpressionKinds.Describe(value)}");
            return;
        }
        foreach (var alias in aliases.Items)
        {
            if (alias is ObjectExpr fields)
            {
                foreach (var field in fields.Entries.Where(f => !AliasFields.Contains(f.Key.Value)))
                    diagnostics.Error(field.Key.Span, field.Key.Value is "project" or "stack"
                            ? $"an alias's {field.Key.Value} is not supported by ecr-automation: a resource can only be aliased within its stack"
                            : $"Field '{field.Key.Value}' does not exist on Object 'alias'",
                        Spelling.DidYouMean(field.Key.Value, AliasFields) ?? $"Existing fields are: {string.Join(", ", AliasFields)}");
            }
            else if (alias is not (StringExpr or InterpolateExpr or SymbolExpr))
                diagnostics.Error(alias.Span, $"an alias must be a URN string or an object with name, type, parent or noParent, not {ExpressionKinds.Describe(alias)}");
        }
    }

    private static string InvalidDuration(string field, string text) =>
        $"invalid duration \"{text}\" for customTimeouts.{field}: use a duration such as 30s, 5m or 1h30m";

    /// <summary>
    /// Evaluates <paramref name="options"/> (through <paramref name="evaluator"/>) into the engine options of
    /// <paramref name="target"/>; null options give empty ones.
    /// </summary>
    /// <exception cref="YamlProgramException">An option's value does not fit it (positioned).</exception>
    public static async ValueTask<ResourceOptions> ReadAsync(ObjectExpr? options, OptionsTarget target, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        var custom = target.IsComponent ? null : new CustomResourceOptions();
        var component = target.IsComponent ? new ComponentResourceOptions() : null;
        ResourceOptions result = (ResourceOptions?)custom ?? component!;
        List<ProviderResource>? providers = null;
        foreach (var (key, expr) in (options?.Entries ?? []).Select(e => (e.Key, e.Value)))
        {
            var name = Canonical(key.Value) ?? throw EvaluationError.At(key.Span, Unsupported.TryGetValue(key.Value, out var reason)
                ? $"option {key.Value} is not supported by ecr-automation"
                : $"Field '{key.Value}' does not exist on Object 'options'", reason);
            if (target.IsComponent && CustomOnlyOptions.Contains(name))
                throw EvaluationError.At(key.Span, $"option {name} applies only to custom resources; {target.Name} ({target.Token}) is a component", "set it on the component's children instead");
            var value = await KnownAsync(expr, name, evaluator, ct).ConfigureAwait(false);
            switch (name)
            {
                case "protect": result.Protect = Boolean(value, name, expr); break;
                case "retainOnDelete": result.RetainOnDelete = Boolean(value, name, expr); break;
                case "deleteBeforeReplace": custom!.DeleteBeforeReplace = Boolean(value, name, expr); break;
                case "ignoreChanges": result.IgnoreChanges = Strings(value, name, expr); break;
                case "replaceOnChanges": result.ReplaceOnChanges = Strings(value, name, expr); break;
                case "additionalSecretOutputs": custom!.AdditionalSecretOutputs = Strings(value, name, expr); break;
                case "import": custom!.ImportId = value as string ?? throw EvaluationError.At(expr.Span, $"option import must be a string (the id of the resource to adopt), not {YamlValues.Describe(value)}"); break;
                case "dependsOn": result.DependsOn = Resources(value, expr, "resource option dependsOn value must be a list of resources"); break;
                case "parent": result.Parent = value as Resource ?? throw EvaluationError.At(expr.Span, $"expected resource, got {YamlValues.Describe(value)}"); break;
                case "provider": result.Provider = Provider(value, expr, target); break;
                case "providers": providers = Providers(value, expr); break;
                case "customTimeouts": result.CustomTimeouts = Timeouts(value, expr); break;
                case "aliases": result.Aliases = Aliases(value, expr); break;
                case "version": CheckVersion(value, expr, target); break;
            }
        }
        if (providers is not null)
        {
            if (component is not null) component.Providers = providers;
            else result.Provider ??= providers.FirstOrDefault(p => p.Package == target.Package);
        }
        return result;
    }

    /// <summary>The option's value with its outputs resolved: options decide how a resource registers, so they must be known.</summary>
    private static async Task<object?> KnownAsync(Expr expr, string name, IExpressionEvaluator evaluator, CancellationToken ct)
    {
        var value = await evaluator.EvaluateAsync(expr, ct).ConfigureAwait(false);
        if (!YamlValues.HasOutputs(value)) return value;
        var data = await YamlValues.ResolveAsync(value).ConfigureAwait(false);
        return data.IsKnown ? data.Value : throw EvaluationError.At(expr.Span,
            $"option {name} must be known before the resource registers, but it depends on values that are unknown during preview",
            "give options values from config, variables or literals, not from other resources' outputs");
    }

    private static bool Boolean(object? value, string name, Expr expr) =>
        value as bool? ?? throw EvaluationError.At(expr.Span, $"option {name} must be a boolean, not {YamlValues.Describe(value)}");

    private static List<string> Strings(object? value, string name, Expr expr) =>
        value is IReadOnlyList<object?> list and not IReadOnlyDictionary<string, object?> && list.All(i => i is string)
            ? [.. list.Cast<string>()]
            : throw EvaluationError.At(expr.Span, $"option {name} must be a list of property names (strings), not {YamlValues.Describe(value)}");

    private static List<Resource> Resources(object? value, Expr expr, string message)
    {
        if (value is not IReadOnlyList<object?> list || value is IReadOnlyDictionary<string, object?>) throw EvaluationError.At(expr.Span, message);
        return [.. list.Select(item => item as Resource ?? throw EvaluationError.At(expr.Span, $"expected resource, got {YamlValues.Describe(item)}"))];
    }

    private static ProviderResource Provider(object? value, Expr expr, OptionsTarget target)
    {
        var provider = value as ProviderResource ?? throw EvaluationError.At(expr.Span,
            value is Resource r ? $"resource passed as Provider was not a provider resource '{r.GetResourceName()}'" : $"expected resource, got {YamlValues.Describe(value)}");
        if (!target.IsComponent && provider.Package != target.Package)
            throw EvaluationError.At(expr.Span, $"the provider {provider.GetResourceName()} manages package '{provider.Package}', not '{target.Package}' of {target.Name} ({target.Token})",
                $"choose a pulumi:providers:{target.Package} provider");
        return provider;
    }

    private static List<ProviderResource> Providers(object? value, Expr expr)
    {
        IEnumerable<object?> items = value switch
        {
            IReadOnlyDictionary<string, object?> map => map.Values,
            IReadOnlyList<object?> list => list,
            _ => throw EvaluationError.At(expr.Span, "option providers must be a list of provider resources (or a map from package to provider)"),
        };
        return [.. items.Select(item => item as ProviderResource ?? throw EvaluationError.At(expr.Span,
            item is Resource r ? $"resource passed as Provider was not a provider resource '{r.GetResourceName()}'" : $"expected resource, got {YamlValues.Describe(item)}"))];
    }

    private static CustomTimeouts Timeouts(object? value, Expr expr)
    {
        if (value is not IReadOnlyDictionary<string, object?> fields)
            throw EvaluationError.At(expr.Span, $"option customTimeouts must be an object with create, update and delete durations, not {YamlValues.Describe(value)}");
        TimeSpan? Duration(string field) => fields.TryGetValue(field, out var text) && text is not null
            ? text is string s && GoDuration.Parse(s) is { } d ? d : throw EvaluationError.At(expr.Span, InvalidDuration(field, text as string ?? YamlValues.Describe(text)))
            : null;
        foreach (var unknown in fields.Keys.Where(k => !TimeoutFields.Contains(k)))
            throw EvaluationError.At(expr.Span, $"Field '{unknown}' does not exist on Object 'customTimeouts'", "Existing fields are: create, update, delete");
        return new CustomTimeouts { Create = Duration("create"), Update = Duration("update"), Delete = Duration("delete") };
    }

    private static List<Alias> Aliases(object? value, Expr expr)
    {
        if (value is not IReadOnlyList<object?> list || value is IReadOnlyDictionary<string, object?>)
            throw EvaluationError.At(expr.Span, $"option aliases must be a list of URNs or {{name, type, parent, noParent}} objects, not {YamlValues.Describe(value)}");
        return [.. list.Select(item => item switch
        {
            string urn => new Alias { Urn = urn },
            IReadOnlyDictionary<string, object?> fields => Alias(fields, expr),
            _ => throw EvaluationError.At(expr.Span, $"an alias must be a URN string or an object with name, type, parent or noParent, not {YamlValues.Describe(item)}"),
        })];
    }

    private static Alias Alias(IReadOnlyDictionary<string, object?> fields, Expr expr)
    {
        foreach (var field in fields.Keys.Where(k => !AliasFields.Contains(k)))
            throw EvaluationError.At(expr.Span, field is "project" or "stack"
                ? $"an alias's {field} is not supported by ecr-automation: a resource can only be aliased within its stack"
                : $"Field '{field}' does not exist on Object 'alias'", $"Existing fields are: {string.Join(", ", AliasFields)}");
        string? Text(string field) => fields.GetValueOrDefault(field) switch
        {
            null => null,
            string s => s,
            var other => throw EvaluationError.At(expr.Span, $"an alias's {field} must be a string, not {YamlValues.Describe(other)}"),
        };
        return new Alias
        {
            Urn = Text("urn"),
            Name = Text("name"),
            Type = Text("type"),
            Parent = fields.GetValueOrDefault("parent") switch
            {
                null => null,
                Resource parent => parent,
                var other => throw EvaluationError.At(expr.Span, $"an alias's parent must be a resource (${{name}}), not {YamlValues.Describe(other)}",
                    "to alias a former parent by URN, give the alias's whole old URN as `urn`"),
            },
            NoParent = fields.GetValueOrDefault("noParent") switch
            {
                null => false,
                bool b => b,
                var other => throw EvaluationError.At(expr.Span, $"an alias's noParent must be a boolean, not {YamlValues.Describe(other)}"),
            },
        };
    }

    private static void CheckVersion(object? value, Expr expr, OptionsTarget target)
    {
        if (value is not string version || !SemanticVersion().IsMatch(version))
            throw EvaluationError.At(expr.Span, $"unable to parse version '{value}': it must be a semantic version such as 6.0.0");
        if (target.PackageVersion is { } provided && !string.Equals(version.TrimStart('v'), provided.TrimStart('v'), StringComparison.Ordinal))
            throw EvaluationError.At(expr.Span, $"{target.Name} asks for version {version} of package '{target.Package}', but ecr-automation provides version {provided}",
                $"remove the version option, or set it to {provided}");
    }
}
