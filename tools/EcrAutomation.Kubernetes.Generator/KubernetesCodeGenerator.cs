using System.Reflection;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>
/// Writes the Kubernetes package's public types from KubernetesClient's models: for each kind of <see cref="Kinds"/> a
/// resource class and its args, every args type the kinds' fields reach (their <c>status</c> left out, as in Pulumi),
/// every output type the kinds' fields reach, and the internal <c>KubernetesKinds</c> table.
/// </summary>
internal sealed class KubernetesCodeGenerator
{
    private static readonly HashSet<string> ResourceMembers =
        [.. typeof(ProviderResource).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Select(m => m.Name)];

    private readonly ModelCatalog _catalog = new();
    private readonly ModelDocs _docs = ModelDocs.Load();
    private readonly string _package = PackageName();

    /// <summary>Every generated file, by path under the project folder.</summary>
    public IReadOnlyList<GeneratedFile> Generate()
    {
        var kinds = Kinds.All.Select(k => (Definition: k, Type: _catalog.Describe(k.Model))).ToList();
        var kindModels = kinds.Select(k => k.Definition.Model).ToHashSet();
        var files = new List<GeneratedFile> { KindTable(kinds) };
        foreach (var (definition, type) in kinds)
        {
            files.Add(Resource(definition, type));
            files.Add(Args(type, definition));
        }
        files.AddRange(ModelCatalog.Reachable(kindModels, includeStatus: false).Where(m => !kindModels.Contains(m)).Select(m => Args(_catalog.Describe(m), null)));
        files.AddRange(ModelCatalog.Reachable(kindModels, includeStatus: true).Where(m => !kindModels.Contains(m)).Select(m => OutputType(_catalog.Describe(m))));
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Writes the files into <paramref name="projectFolder"/> and removes generated files it no longer writes.</summary>
    public static (int Written, int Removed) WriteTo(string projectFolder, IReadOnlyList<GeneratedFile> files)
    {
        var paths = files.Select(f => Path.GetFullPath(Path.Combine(projectFolder, f.Path))).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var stale in FindGenerated(projectFolder).Where(p => !paths.Contains(Path.GetFullPath(p))))
        {
            File.Delete(stale);
            removed++;
        }
        var written = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(projectFolder, file.Path);
            if (File.Exists(path) && File.ReadAllText(path) == file.Text) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            written++;
        }
        return (written, removed);
    }

    /// <summary>The generated files in a project folder (those beginning with <see cref="GeneratedFile.Marker"/>), build output aside.</summary>
    public static IEnumerable<string> FindGenerated(string projectFolder) =>
        Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(p => File.ReadLines(p).FirstOrDefault()?.StartsWith(GeneratedFile.Marker, StringComparison.Ordinal) == true);

    private GeneratedFile Resource(KindDefinition definition, ModelType kind)
    {
        var scope = new SourceScope(Names.ResourceNamespace(kind));
        var types = new TypeSyntax(_catalog, scope);
        var entry = $"KubernetesKinds.{Names.KindEntry(kind)}";
        var args = types.ArgsName(kind.Model);
        var token = Token(kind);
        return GeneratedFile.Create(kind.Name, Origin(kind.Model), scope, w =>
        {
            w.Summary(_docs.Of(kind.Model) ?? $"A Kubernetes {kind.Name}.");
            w.DocElement("remarks", $"The resource <c>{token}</c> (pulumi-kubernetes' <c>Kubernetes.{kind.Module}.{kind.Name}</c>), "
                + $"{(definition.Namespaced ? "namespaced: its id is <c>namespace/name</c>" : "cluster-scoped: its id is its name")}. "
                + "Its inputs are the Kubernetes object itself (<c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, ...), and its outputs the live object."
                + (definition.SecretFields.Length > 0
                    ? $" {string.Join(" and ", definition.SecretFields.Select(f => $"<c>{f}</c>"))} are secret, as inputs and outputs: encrypted in state, hidden in the display."
                    : ""));
            w.Line($"[ResourceType(\"{token}\")]");
            w.Line($"public sealed class {kind.Name} : CustomResource");
            w.Block(() =>
            {
                w.DocElement("summary", $"Declares the {kind.Name}; the constructor sets <c>apiVersion</c> and <c>kind</c>. Without "
                    + "<c>metadata.name</c> the object is auto-named from <paramref name=\"name\"/> (plus a random suffix), like pulumi-kubernetes.");
                w.DocElement("param", $"The logical name, unique among the stack's {kind.Name} resources.", " name=\"name\"");
                w.DocElement("param", "The object's fields; null: an object with none set.", " name=\"args\"");
                w.DocElement("param", "Parent, dependencies, an explicit <see cref=\"Provider\"/> (the cluster to use), ...", " name=\"options\"");
                w.Line($"public {kind.Name}(string name, {args}? args = null, CustomResourceOptions? options = null)");
                var secretOutputs = definition.SecretFields.Length > 0;
                w.Line($"    : base({entry}.Token, name, WithApiVersionAndKind(args), {(secretOutputs ? "WithSecretOutputs(options)" : "options")}) {{ }}");
                foreach (var field in ModelField.Of(kind.Model))
                {
                    w.Line();
                    w.Summary(_docs.Of(field.Property) ?? $"The object's {field.JsonName}.");
                    var hides = ResourceMembers.Contains(field.Name) ? "new " : "";
                    w.Line($"[Output(\"{field.JsonName}\")] public {hides}Output<{types.OutputItem(field.Type)}> {field.Name} {{ get; private set; }} = null!;");
                }
                w.Line();
                w.Line($"private static {args} WithApiVersionAndKind({args}? args)");
                w.Block(() =>
                {
                    w.Line($"args ??= new {args}();");
                    w.Line($"args.ApiVersion = {entry}.ApiVersion;");
                    w.Line($"args.Kind = {entry}.Kind;");
                    w.Line("return args;");
                });
                if (!secretOutputs) return;
                w.Line();
                w.Line("private static CustomResourceOptions WithSecretOutputs(CustomResourceOptions? options) =>");
                w.Line($"    (options ?? new CustomResourceOptions()).WithAdditionalSecretOutputs({string.Join(", ", definition.SecretFields.Select(f => $"\"{f}\""))});");
            });
        });
    }

    private GeneratedFile Args(ModelType type, KindDefinition? kind)
    {
        var scope = new SourceScope(Names.InputNamespace(type));
        var types = new TypeSyntax(_catalog, scope);
        return GeneratedFile.Create(type.Name + "Args", Origin(type.Model), scope, w =>
        {
            w.Summary(_docs.Of(type.Model) ?? $"The fields of a Kubernetes {type.Name}.");
            w.Line($"public sealed class {type.Name}Args : ResourceArgs");
            w.Block(() =>
            {
                var first = true;
                foreach (var field in ModelField.Of(type.Model).Where(f => kind is null || f.JsonName != "status"))
                {
                    if (!first) w.Line();
                    first = false;
                    w.Summary(_docs.Of(field.Property) ?? $"The {field.JsonName} field.");
                    var options = (field.Required ? ", required: true" : "") + (kind?.SecretFields.Contains(field.JsonName) == true ? ", secret: true" : "");
                    var attribute = $"Input(\"{field.JsonName}\"{options})";
                    w.Line(field.Type.IsCollection
                        ? $"[field: {attribute}] public {types.Input(field.Type)} {field.Name} {{ get => field ??= []; set; }}"
                        : $"[{attribute}] public {types.Input(field.Type)} {field.Name} {{ get; set; }}");
                }
            });
        });
    }

    private GeneratedFile OutputType(ModelType type)
    {
        var scope = new SourceScope(Names.OutputNamespace(type));
        var types = new TypeSyntax(_catalog, scope);
        return GeneratedFile.Create(type.Name, Origin(type.Model), scope, w =>
        {
            w.Summary(_docs.Of(type.Model) ?? $"A Kubernetes {type.Name}.");
            w.Line($"public sealed class {type.Name}");
            w.Block(() =>
            {
                var first = true;
                foreach (var field in ModelField.Of(type.Model))
                {
                    if (!first) w.Line();
                    first = false;
                    w.Summary(_docs.Of(field.Property) ?? $"The {field.JsonName} field.");
                    var initializer = types.OutputDefault(field.Type) is { } value ? $" = {value};" : "";
                    w.Line($"[Output(\"{field.JsonName}\")] public {types.Output(field.Type, field.Required)} {Names.OutputProperty(type, field)} {{ get; init; }}{initializer}");
                }
            });
        });
    }

    private GeneratedFile KindTable(IReadOnlyList<(KindDefinition Definition, ModelType Type)> kinds)
    {
        var scope = new SourceScope(Names.Root);
        return GeneratedFile.Create("KubernetesKinds", $"{_package} ({nameof(Kinds)}.cs)", scope, w =>
        {
            w.DocElement("summary", "The kinds this package has resources for (the generator's list), with what the runtime needs to "
                + "reach them: each resource class takes its token from here, and the provider is registered for every entry of <see cref=\"All\"/>.");
            w.Line("internal static class KubernetesKinds");
            w.Block(() =>
            {
                foreach (var (definition, kind) in kinds)
                {
                    var entity = kind.Model.GetCustomAttribute<k8s.Models.KubernetesEntityAttribute>()!;
                    w.DocElement("summary", $"<c>{Token(kind)}</c>.");
                    w.Line($"public static readonly KubernetesKind {Names.KindEntry(kind)} = new(\"{Token(kind)}\", \"{entity.Group}\", \"{entity.ApiVersion}\", "
                        + $"\"{entity.Kind}\", \"{entity.PluralName}\", Namespaced: {(definition.Namespaced ? "true" : "false")}, typeof(k8s.Models.{kind.Model.Name}));");
                    w.Line();
                }
                w.Summary("Every kind, in the generator's order.");
                w.Line($"public static readonly IReadOnlyList<KubernetesKind> All = [{string.Join(", ", kinds.Select(k => Names.KindEntry(k.Type)))}];");
            });
        });
    }

    /// <summary>pulumi-kubernetes' type token: <c>kubernetes:apps/v1:Deployment</c>, <c>kubernetes:core/v1:Service</c>.</summary>
    private static string Token(ModelType kind) => $"kubernetes:{(kind.Group.Length == 0 ? "core" : kind.Group)}/{kind.Version}:{kind.Name}";

    private string Origin(Type model) => $"{_package}'s {model.FullName}";

    private static string PackageName()
    {
        var assembly = typeof(k8s.Models.V1Pod).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version!.ToString(3);
        return $"KubernetesClient {version}";
    }
}
