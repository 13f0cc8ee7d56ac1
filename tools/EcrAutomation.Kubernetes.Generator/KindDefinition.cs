namespace EcrAutomation.Kubernetes.Generator;

/// <summary>
/// A Kubernetes kind the generator writes a resource for. Group, version, kind and plural come from the model's
/// <c>KubernetesEntity</c> attribute; what the model does not carry is given here.
/// </summary>
/// <param name="Model">KubernetesClient's model class of the kind, e.g. <c>V1Deployment</c>.</param>
/// <param name="Namespaced">Whether objects of the kind live in a namespace (ids <c>namespace/name</c>) or in the cluster (<c>name</c>).</param>
/// <param name="SecretFields">Top-level fields whose inputs are always secret (a Secret's <c>data</c> and <c>stringData</c>, as pulumi-kubernetes marks them).</param>
internal sealed record KindDefinition(Type Model, bool Namespaced, params string[] SecretFields);
