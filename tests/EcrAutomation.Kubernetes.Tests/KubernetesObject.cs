using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>A test-only resource for any <c>kubernetes:*</c> token whose inputs are given as property values.</summary>
public sealed class KubernetesObject(string type, string name, KubernetesObjectArgs args, CustomResourceOptions? options = null)
    : CustomResource(type, name, args, options);

/// <summary>The parts of a Kubernetes object, as the generated <c>*Args</c> classes send them.</summary>
public sealed class KubernetesObjectArgs : ResourceArgs
{
    [Input("metadata")] public PropertyValue? Metadata { get; set; }

    [Input("spec")] public PropertyValue? Spec { get; set; }

    [Input("data")] public PropertyValue? Data { get; set; }

    [Input("stringData")] public PropertyValue? StringData { get; set; }

    /// <summary>Args from a Kubernetes object as JSON (apiVersion and kind are the provider's to fill).</summary>
    public static KubernetesObjectArgs From(PropertyMap inputs) => new()
    {
        Metadata = inputs.TryGetValue("metadata", out var m) ? m : null,
        Spec = inputs.TryGetValue("spec", out var s) ? s : null,
        Data = inputs.TryGetValue("data", out var d) ? d : null,
        StringData = inputs.TryGetValue("stringData", out var sd) ? sd : null,
    };
}
