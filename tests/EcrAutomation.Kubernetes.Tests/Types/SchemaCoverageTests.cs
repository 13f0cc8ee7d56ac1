using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>
/// Every field of the six kinds' schema, as KubernetesClient's models carry it, is settable as an input (under its JSON
/// name, with a matching type, down through every nested type) and readable as an output; nothing else is added.
/// </summary>
public sealed class SchemaCoverageTests
{
    public static TheoryData<string> Kinds => [.. KubernetesKinds.All.Select(k => k.Token)];

    private static KubernetesKind Kind(string token) => KubernetesKinds.All.Single(k => k.Token == token);

    /// <summary>The resource class: <c>EcrAutomation.Kubernetes.Apps.V1.Deployment</c>, <c>...Core.V1.Service</c>.</summary>
    private static Type ResourceClass(KubernetesKind kind)
    {
        var group = kind.Group.Length == 0 ? "Core" : char.ToUpperInvariant(kind.Group[0]) + kind.Group[1..];
        return typeof(Provider).Assembly.GetType($"EcrAutomation.Kubernetes.{group}.V1.{kind.Kind}")
            ?? throw new InvalidOperationException($"No resource class for {kind.Token}.");
    }

    private static IEnumerable<(string Json, Type Type)> ModelFields(Type model) =>
        model.GetProperties().Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, p.PropertyType));

    private static IEnumerable<(string Json, Type Type)> Inputs(Type args) =>
        args.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.GetCustomAttribute<InputAttribute>() is not null)
            .Select(m => (m.GetCustomAttribute<InputAttribute>()!.Name, m is PropertyInfo p ? p.PropertyType : ((FieldInfo)m).FieldType));

    private static IEnumerable<(string Json, Type Type)> Outputs(Type output) =>
        output.GetProperties().Where(p => p.GetCustomAttribute<OutputAttribute>() is not null)
            .Select(p => (p.GetCustomAttribute<OutputAttribute>()!.Name!, p.PropertyType));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryFieldOfTheKind_IsAnInputOfItsArgs_UnderItsJsonName_AtEveryDepth(string token)
    {
        var kind = Kind(token);
        var resource = ResourceClass(kind);
        var args = resource.GetConstructors().Single().GetParameters()[1].ParameterType;
        var problems = new List<string>();

        CompareInputs(kind.Model, args, kind.Kind, problems, isKind: true, []);

        problems.ShouldBeEmpty();
        args.Name.ShouldBe(kind.Kind + "Args");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryFieldOfTheKind_IsAnOutputOfItsResource_UnderItsJsonName_AtEveryDepth(string token)
    {
        var kind = Kind(token);
        var problems = new List<string>();
        var resource = ResourceClass(kind);
        var outputs = Outputs(resource).ToDictionary(o => o.Json, o => o.Type.GetGenericArguments()[0]);

        foreach (var (json, type) in ModelFields(kind.Model))
        {
            if (outputs.Remove(json, out var output)) CompareOutput(type, output, $"{kind.Kind}.{json}", problems, []);
            else problems.Add($"{kind.Kind}.{json} is not an output");
        }

        problems.AddRange(outputs.Keys.Select(json => $"{kind.Kind}.{json} is an output the schema does not have"));
        problems.ShouldBeEmpty();
    }

    private static void CompareInputs(Type model, Type args, string path, List<string> problems, bool isKind, HashSet<Type> seen)
    {
        if (!seen.Add(model)) return;
        var inputs = Inputs(args).ToDictionary(i => i.Json, i => i.Type);
        foreach (var (json, type) in ModelFields(model).Where(f => !(isKind && f.Json == "status")))
        {
            if (inputs.Remove(json, out var input)) CompareInput(type, input, $"{path}.{json}", problems, seen);
            else problems.Add($"{path}.{json} is not an input");
        }
        problems.AddRange(inputs.Keys.Select(json => $"{path}.{json} is an input the schema does not have"));
    }

    private static void CompareInput(Type model, Type input, string path, List<string> problems, HashSet<Type> seen)
    {
        model = Nullable.GetUnderlyingType(model) ?? model;
        if (model.IsGenericType && model.GetGenericTypeDefinition() == typeof(IList<>))
            Expect(input, typeof(InputList<>), path, problems, item => CompareItem(model.GetGenericArguments()[0], item, path, problems, seen));
        else if (model.IsGenericType && model.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            Expect(input, typeof(InputMap<>), path, problems, item => CompareItem(model.GetGenericArguments()[1], item, path, problems, seen));
        else if (model == typeof(IntOrString))
            Same(input, typeof(InputUnion<int, string>), path, problems);
        else
            Expect(input, typeof(Input<>), path, problems, item => CompareItem(model, item, path, problems, seen));
    }

    private static void CompareItem(Type model, Type item, string path, List<string> problems, HashSet<Type> seen)
    {
        model = Nullable.GetUnderlyingType(model) ?? model;
        if (IsModel(model)) CompareInputs(model, item, path, problems, isKind: false, seen);
        else Same(item, Scalar(model), path, problems);
    }

    private static void CompareOutput(Type model, Type output, string path, List<string> problems, HashSet<Type> seen)
    {
        model = Nullable.GetUnderlyingType(model) ?? model;
        output = Nullable.GetUnderlyingType(output) ?? output;
        if (model.IsGenericType && model.GetGenericTypeDefinition() == typeof(IList<>))
            Expect(output, typeof(ImmutableArray<>), path, problems, item => CompareOutput(model.GetGenericArguments()[0], item, path, problems, seen));
        else if (model.IsGenericType && model.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            Same(output, typeof(ImmutableDictionary<string, string>), path, problems);
        else if (model == typeof(IntOrString))
            Same(output, typeof(Union<int, string>), path, problems);
        else if (IsModel(model))
        {
            if (!seen.Add(model)) return;
            var outputs = Outputs(output).ToDictionary(o => o.Json, o => o.Type);
            foreach (var (json, type) in ModelFields(model))
            {
                if (outputs.Remove(json, out var nested)) CompareOutput(type, nested, $"{path}.{json}", problems, seen);
                else problems.Add($"{path}.{json} is not an output");
            }
            problems.AddRange(outputs.Keys.Select(json => $"{path}.{json} is an output the schema does not have"));
        }
        else Same(output, Scalar(model), path, problems);
    }

    private static bool IsModel(Type type) => type.IsClass && type.Namespace == typeof(V1Pod).Namespace && type != typeof(ResourceQuantity);

    /// <summary>Quantities, timestamps and bytes are the strings the API's JSON carries.</summary>
    private static Type Scalar(Type model) =>
        model == typeof(ResourceQuantity) || model == typeof(DateTime) || model == typeof(byte[]) ? typeof(string) : model;

    private static void Expect(Type actual, Type generic, string path, List<string> problems, Action<Type> item)
    {
        if (actual.IsGenericType && actual.GetGenericTypeDefinition() == generic) item(actual.GetGenericArguments()[0]);
        else problems.Add($"{path} is a {actual.Name}, expected a {generic.Name}");
    }

    private static void Same(Type actual, Type expected, string path, List<string> problems)
    {
        if (actual != expected) problems.Add($"{path} is a {actual.Name}, expected a {expected.Name}");
    }
}
