namespace EcrAutomation.Kubernetes.Generator;

/// <summary>A KubernetesClient model class with the API group and version it belongs to and its Pulumi-style name.</summary>
/// <param name="Model">The model class, e.g. <c>V1PodSpec</c>.</param>
/// <param name="Group">The API group (<c>""</c> for core, <c>meta</c> for apimachinery's meta/v1 types).</param>
/// <param name="Version">The API version, e.g. <c>v1</c>.</param>
/// <param name="Name">The class name without KubernetesClient's version prefix, e.g. <c>PodSpec</c>.</param>
internal sealed record ModelType(Type Model, string Group, string Version, string Name)
{
    /// <summary>The namespace segment of the group, as pulumi-kubernetes names it: <c>Core</c>, <c>Apps</c>, <c>Meta</c>, <c>Networking</c>.</summary>
    public string GroupSegment => Group.Length == 0 ? "Core" : char.ToUpperInvariant(Group[0]) + Group.Split('.')[0][1..];

    /// <summary>The namespace segment of the version: <c>V1</c>, <c>V1Beta1</c>.</summary>
    public string VersionSegment => string.Concat(System.Text.RegularExpressions.Regex.Split(Version, "(?<=[0-9])(?=[a-z])|(?<=[a-z])(?=[0-9])")
        .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary><c>Core.V1</c>: the folder path and namespace suffix under the resources, inputs or outputs root.</summary>
    public string Module => $"{GroupSegment}.{VersionSegment}";
}
