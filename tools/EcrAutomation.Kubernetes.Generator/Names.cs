namespace EcrAutomation.Kubernetes.Generator;

/// <summary>The namespaces and C# type names of the generated code, pulumi-kubernetes' with <c>Pulumi.Kubernetes</c> → <c>EcrAutomation.Kubernetes</c>.</summary>
internal static class Names
{
    public const string Root = "EcrAutomation.Kubernetes";

    /// <summary><c>EcrAutomation.Kubernetes.Apps.V1</c>: resource classes.</summary>
    public static string ResourceNamespace(ModelType type) => $"{Root}.{type.Module}";

    /// <summary><c>EcrAutomation.Kubernetes.Types.Inputs.Apps.V1</c>: <c>*Args</c>.</summary>
    public static string InputNamespace(ModelType type) => $"{Root}.Types.Inputs.{type.Module}";

    /// <summary><c>EcrAutomation.Kubernetes.Types.Outputs.Apps.V1</c>: output types.</summary>
    public static string OutputNamespace(ModelType type) => $"{Root}.Types.Outputs.{type.Module}";

    /// <summary>The path of a generated file under the project folder for a namespace and type name.</summary>
    public static string FilePath(string @namespace, string typeName) =>
        Path.Combine([.. @namespace[Root.Length..].Split('.', StringSplitOptions.RemoveEmptyEntries), typeName + ".cs"]);

    /// <summary>A property's name on an output type: C# forbids a member named as its class, so Pulumi appends <c>Value</c>.</summary>
    public static string OutputProperty(ModelType owner, ModelField field) => field.Name == owner.Name ? field.Name + "Value" : field.Name;

    /// <summary>The name of the kinds table's entry for a kind: <c>AppsV1Deployment</c>.</summary>
    public static string KindEntry(ModelType kind) => kind.GroupSegment + kind.VersionSegment + kind.Name;
}
