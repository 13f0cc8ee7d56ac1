using EcrAutomation.Schema;
using EcrAutomation.Yaml.Builtins;
using EcrAutomation.Yaml.Options;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Analysis;

/// <summary>
/// Checks a template against the resource and function catalogs before anything runs, reporting every problem at once
/// in pulumi-yaml's words: duplicate and reserved names, missing references, cycles, unknown resource types, unknown
/// properties and wrong types, accesses to outputs that do not exist; built-ins, options and config through their own
/// checks. Also orders the template's entries for evaluation.
/// </summary>
internal sealed class TemplateChecker
{
    /// <summary>The root name pulumi-yaml reserves for <c>${pulumi.stack}</c>, <c>${pulumi.project}</c>, ...</summary>
    public const string PulumiRoot = "pulumi";

    private readonly TemplateDecl _template;
    private readonly ResourceCatalog _resources;
    private readonly FunctionCatalog? _functions;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, TemplateNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceTypeInfo> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _defaultProviders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inferring = new(StringComparer.Ordinal);
    private readonly TypeInference _inference;
    private readonly Func<string, bool> _isStackConfig;

    private TemplateChecker(TemplateDecl template, ResourceCatalog resources, FunctionCatalog? functions, Func<string, bool> isStackConfig, DiagnosticBag diagnostics)
    {
        _isStackConfig = isStackConfig;
        _template = template;
        _resources = resources;
        _functions = functions;
        _diagnostics = diagnostics;
        _inference = new TypeInference(RootType, resources);
    }

    /// <summary>Checks <paramref name="template"/>; errors go to <paramref name="diagnostics"/> (the result is null when there are any).</summary>
    /// <param name="template">The parsed program.</param>
    /// <param name="resources">The resource types the host provides.</param>
    /// <param name="functions">The functions <c>fn::invoke</c> can call.</param>
    /// <param name="isStackConfig">Whether a name is a value of the stack's config that the template does not declare (referable too).</param>
    /// <param name="diagnostics">Where errors and warnings go.</param>
    public static CheckedTemplate? Check(TemplateDecl template, ResourceCatalog resources, FunctionCatalog? functions, Func<string, bool> isStackConfig, DiagnosticBag diagnostics)
    {
        var checker = new TemplateChecker(template, resources, functions, isStackConfig, diagnostics);
        var order = checker.Run();
        return diagnostics.HasErrors ? null : new CheckedTemplate(order, checker._types, checker._defaultProviders);
    }

    private IReadOnlyList<TemplateNode> Run()
    {
        AddNodes();
        foreach (var resource in _template.Resources) ResolveType(resource);
        foreach (var node in _nodes.Values)
            foreach (var expr in node.Expressions)
            {
                foreach (var access in ExpressionWalker.Accesses(expr)) CheckAccess(access);
                foreach (var call in ExpressionWalker.Builtins(expr)) BuiltinFunctions.Check(call, _diagnostics, _functions);
            }
        foreach (var output in _template.Outputs)
        {
            foreach (var access in ExpressionWalker.Accesses(output.Value)) CheckAccess(access);
            foreach (var call in ExpressionWalker.Builtins(output.Value)) BuiltinFunctions.Check(call, _diagnostics, _functions);
        }
        foreach (var resource in _template.Resources) CheckResource(resource);
        return Sort();
    }

    private void AddNodes()
    {
        foreach (var config in _template.Config)
            Add(new TemplateNode(config.Key.Value, TemplateNodeKind.Config, config.Key, [config.Declaration]) { Config = config });
        foreach (var variable in _template.Variables)
            Add(new TemplateNode(variable.Key.Value, TemplateNodeKind.Variable, variable.Key, [variable.Value]) { Variable = variable });
        foreach (var resource in _template.Resources)
        {
            Expr?[] expressions = [resource.Properties, resource.Options, resource.Get?.Id, resource.Get?.State, resource.DefaultProvider];
            Add(new TemplateNode(resource.Key.Value, TemplateNodeKind.Resource, resource.Key, [.. expressions.OfType<Expr>()]) { Resource = resource });
        }
    }

    private void Add(TemplateNode node)
    {
        if (node.Name == PulumiRoot)
        {
            _diagnostics.Error(node.Key.Span, $"{node.KindWord} {node.Name} uses the reserved name \"pulumi\"", "rename it: ${pulumi.stack}, ${pulumi.project} and the like read the deployment's facts");
            return;
        }
        if (_nodes.TryGetValue(node.Name, out var existing))
        {
            _diagnostics.Error(node.Key.Span, $"found duplicate {node.KindWord} {node.Name}", $"{existing.KindWord} {existing.Name} is declared at {existing.Key.Span}");
            return;
        }
        _nodes.Add(node.Name, node);
    }

    private void ResolveType(ResourceDecl resource)
    {
        if (resource.Type is not { } type || !_nodes.TryGetValue(resource.Key.Value, out var node) || node.Resource != resource) return;
        var token = _resources.Resolve(type.Value);
        if (token is null || !_resources.TryGet(token, out var info))
        {
            _diagnostics.Error(type.Span, $"unknown resource type '{type.Value}'",
                Spelling.DidYouMean(type.Value, _resources.Tokens.Select(ShortToken)) ?? "no package of this host provides it; `ecr-automation schema <package>` lists a package's types");
            return;
        }
        _types[resource.Key.Value] = info;
        if (info.IsProvider && resource.DefaultProvider is BooleanExpr { Value: true })
            _defaultProviders[ProviderPackage(info.Token)] = resource.Key.Value;
        else if (resource.DefaultProvider is { } flag && flag is not BooleanExpr && flag is not NullExpr)
            _diagnostics.Error(flag.Span, $"defaultProvider of resource {resource.Key.Value} must be true or false");
        else if (resource.DefaultProvider is BooleanExpr { Value: true } && !info.IsProvider)
            _diagnostics.Error(resource.DefaultProvider.Span, $"defaultProvider applies only to provider resources (pulumi:providers:<package>); {resource.Key.Value} is a {info.Token}");
    }

    /// <summary>A token as YAML programs usually spell it: <c>aws:ecr:Repository</c> for <c>aws:ecr/repository:Repository</c>.</summary>
    private static string ShortToken(string token)
    {
        var parts = token.Split(':');
        return parts.Length == 3 && parts[1].Split('/') is [var module, var type] && string.Equals(type, parts[2], StringComparison.OrdinalIgnoreCase)
            ? $"{parts[0]}:{module}:{parts[2]}"
            : token;
    }

    /// <summary>The package a provider token configures: <c>aws</c> for <c>pulumi:providers:aws</c>.</summary>
    public static string ProviderPackage(string providerToken) => providerToken.Split(':')[^1];

    /// <summary>The package of a resource token: <c>aws</c> for <c>aws:ecr/repository:Repository</c>.</summary>
    public static string Package(string token) => token.StartsWith("pulumi:providers:", StringComparison.Ordinal) ? ProviderPackage(token) : token.Split(':')[0];

    private void CheckResource(ResourceDecl resource)
    {
        if (resource.Options is { } options) ResourceOptionsReader.Check(options, _diagnostics);
        if (!_types.TryGetValue(resource.Key.Value, out var info)) return;
        if (resource.Get is { } get)
        {
            // A read: its id, and its state (the properties the provider reads it with, none required).
            if (info.IsComponent || info.IsProvider)
                _diagnostics.Error(get.Span, $"Resource {resource.Key.Value}: 'get' reads an existing cloud resource by its id, and '{info.Token}' is a {(info.IsProvider ? "provider" : "component")}, which has none");
            CheckValue(get.Id, SchemaType.String, "get.id");
            if (get.State is { } state) CheckProperties(state, info);
            return;
        }
        var properties = resource.Properties ?? new ObjectExpr(resource.Span, []);
        CheckProperties(properties, info);
        foreach (var required in info.Inputs.Values.Where(p => p.Required && properties[p.Name] is null))
            _diagnostics.Error(resource.Span, $"Missing required property '{required.Name}' of resource {resource.Key.Value} ('{info.Token}')");
    }

    private void CheckProperties(ObjectExpr properties, ResourceTypeInfo info)
    {
        foreach (var entry in properties.Entries)
        {
            if (!info.Inputs.TryGetValue(entry.Key.Value, out var property))
            {
                _diagnostics.Error(entry.Key.Span, $"Property {entry.Key.Value} does not exist on '{info.Token}'",
                    $"Cannot assign '{_inference.TypeOf(properties).Display}' to '{info.Token}':\n  Existing properties are: {string.Join(", ", info.Inputs.Keys.Order(StringComparer.Ordinal))}"
                    + (Spelling.DidYouMean(entry.Key.Value, info.Inputs.Keys) is { } hint ? "\n  " + hint : ""));
                continue;
            }
            CheckValue(entry.Value, property.Type, entry.Key.Value);
        }
    }

    /// <summary>Structural check of a value against the type the schema expects, down through literal lists and mappings.</summary>
    private void CheckValue(Expr value, SchemaType expected, string path)
    {
        switch (value)
        {
            case NullExpr or BuiltinExpr:
                return;
            case ObjectExpr obj when expected.Kind == SchemaTypeKind.Object && expected.Properties is { } properties:
                foreach (var entry in obj.Entries)
                {
                    if (properties.TryGetValue(entry.Key.Value, out var property)) CheckValue(entry.Value, property.Type, $"{path}.{entry.Key.Value}");
                    else
                        _diagnostics.Error(entry.Key.Span, $"Property {entry.Key.Value} does not exist on '{expected.TypeToken ?? expected.Display}'",
                            $"Cannot assign '{_inference.TypeOf(obj).Display}' to '{expected.TypeToken ?? expected.Display}':\n  Existing properties are: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}"
                            + (Spelling.DidYouMean(entry.Key.Value, properties.Keys) is { } hint ? "\n  " + hint : ""));
                }
                return;
            case ObjectExpr obj when expected.Kind == SchemaTypeKind.Map && expected.Items is { } items:
                foreach (var entry in obj.Entries) CheckValue(entry.Value, items, $"{path}.{entry.Key.Value}");
                return;
            case ListExpr list when expected.Kind == SchemaTypeKind.Array && expected.Items is { } items:
                for (var i = 0; i < list.Items.Count; i++) CheckValue(list.Items[i], items, $"{path}[{i}]");
                return;
        }
        var actual = _inference.TypeOf(value);
        if (!expected.IsAssignableFrom(actual))
            _diagnostics.Error(value.Span, $"{path}: Cannot assign type '{actual.Display}' to type '{expected.Display}'");
    }

    /// <summary>The root of an access must exist; the accessors must fit the types along the way.</summary>
    private void CheckAccess(PropertyAccess access)
    {
        if (access.Root == PulumiRoot || (!_nodes.ContainsKey(access.Root) && _isStackConfig(access.Root))) return;
        if (!_nodes.ContainsKey(access.Root))
        {
            _diagnostics.Error(access.Span, $"resource or variable named \"{access.Root}\" could not be found", Spelling.DidYouMean(access.Root, _nodes.Keys));
            return;
        }
        var type = RootType(access.Root);
        for (var i = 0; i < access.Accessors.Count && type is not null; i++)
        {
            var before = type;
            type = _inference.Step(type, access.Accessors[i], out var error, out var detail);
            if (error is not null)
            {
                _diagnostics.Error(access.Span, error, detail ?? $"{access.Format(i)} is {Article(before.Display)}");
                return;
            }
        }
    }

    private static string Article(string display) => display.StartsWith('{') ? "an object " + display : "a " + display;

    /// <summary>The type a root name has for the checker; null when it cannot be told (unknown resource type, a cycle).</summary>
    private SchemaType? RootType(string name)
    {
        if (name == PulumiRoot) return SchemaType.MapOf(SchemaType.String);
        if (!_nodes.TryGetValue(name, out var node)) return null;
        switch (node.Kind)
        {
            case TemplateNodeKind.Resource:
                return _types.TryGetValue(name, out var info) ? SchemaType.ResourceOf(info.Token) : null;
            case TemplateNodeKind.Config:
                return ConfigType(node.Config!.Declaration);
            default:
                if (!_inferring.Add(name)) return null;
                try { return _inference.TypeOf(node.Variable!.Value); }
                finally { _inferring.Remove(name); }
        }
    }

    private SchemaType ConfigType(Expr declaration)
    {
        if (declaration is not ObjectExpr obj) return _inference.TypeOf(declaration);
        var type = obj.Entries.FirstOrDefault(e => string.Equals(e.Key.Value, "type", StringComparison.OrdinalIgnoreCase))?.Value as StringExpr;
        return type?.Value.ToLowerInvariant() switch
        {
            "string" => SchemaType.String,
            "integer" or "int" => SchemaType.Integer,
            "number" => SchemaType.Number,
            "boolean" or "bool" => SchemaType.Boolean,
            { } t when t.StartsWith("list<", StringComparison.Ordinal) => SchemaType.ArrayOf(SchemaType.Any),
            null when obj["default"] is { } value => _inference.TypeOf(value),
            _ => SchemaType.Any,
        };
    }

    /// <summary>Orders the entries so each follows what it refers to; reports cycles.</summary>
    private List<TemplateNode> Sort()
    {
        var order = new List<TemplateNode>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _nodes.Values.OrderBy(n => n.Key.Span.Line).ThenBy(n => n.Key.Span.Column)) Visit(node);
        return order;

        void Visit(TemplateNode node)
        {
            if (state.TryGetValue(node.Name, out var done))
            {
                if (!done && reported.Add(node.Name))
                    _diagnostics.Error(node.Key.Span, $"circular dependency of {node.KindWord} '{node.Name}' transitively on itself");
                return;
            }
            state[node.Name] = false;
            foreach (var dependency in Dependencies(node)) Visit(dependency);
            state[node.Name] = true;
            order.Add(node);
        }
    }

    private IEnumerable<TemplateNode> Dependencies(TemplateNode node)
    {
        var names = node.Expressions.SelectMany(ExpressionWalker.Accesses).Select(a => a.Root).ToList();
        // A default provider applies to every resource of its package, and through components to their children.
        if (node.Kind == TemplateNodeKind.Resource && _types.TryGetValue(node.Name, out var info) && !info.IsProvider)
            names.AddRange(_defaultProviders.Values);
        return names.Distinct(StringComparer.Ordinal).Select(n => _nodes.GetValueOrDefault(n)).OfType<TemplateNode>();
    }
}
