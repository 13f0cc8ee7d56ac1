namespace EcrAutomation.Kubernetes;

/// <summary>A kind this package manages: its resource token, where it lives in the Kubernetes API, and KubernetesClient's model of it.</summary>
/// <param name="Token">The resource type token, <c>kubernetes:apps/v1:Deployment</c>.</param>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The API version, <c>v1</c>.</param>
/// <param name="Kind">The object's <c>kind</c>.</param>
/// <param name="Plural">The resource name in API paths (<c>deployments</c>).</param>
/// <param name="Namespaced">Whether objects live in a namespace (id <c>namespace/name</c>) or in the cluster (id <c>name</c>).</param>
/// <param name="Model">KubernetesClient's model class of the kind.</param>
internal sealed record KubernetesKind(string Token, string Group, string Version, string Kind, string Plural, bool Namespaced, Type Model)
{
    /// <summary>The object's <c>apiVersion</c>: the version alone for the core group, else <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
