using k8s.Models;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>
/// The one list of kinds the Kubernetes package supports. The generator writes a resource class for each, the args and
/// output types they reach, and the <c>KubernetesKinds</c> table the runtime registers its provider for.
/// </summary>
internal static class Kinds
{
    public static IReadOnlyList<KindDefinition> All { get; } =
    [
        new(typeof(V1Namespace), Namespaced: false),
        new(typeof(V1ConfigMap), Namespaced: true),
        new(typeof(V1Secret), Namespaced: true, "data", "stringData"),
        new(typeof(V1Service), Namespaced: true),
        new(typeof(V1ServiceAccount), Namespaced: true),
        new(typeof(V1Deployment), Namespaced: true),
    ];
}
