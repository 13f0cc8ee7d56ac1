namespace EcrAutomation;

/// <summary>Options for custom (provider-managed) resources.</summary>
public sealed class CustomResourceOptions : ResourceOptions
{
    /// <summary>Delete the old resource before creating its replacement (needed when both cannot exist at once, for example a fixed unique name).</summary>
    public bool DeleteBeforeReplace { get; set; }
    /// <summary>Adopt an existing cloud resource with this id instead of creating it.</summary>
    public string? ImportId { get; set; }

    /// <summary>Output properties to treat as secret even though the provider does not mark them.</summary>
    public List<string> AdditionalSecretOutputs { get; set; } = [];

    /// <summary>
    /// A copy of these options with more <see cref="AdditionalSecretOutputs"/>, leaving these unchanged: what a resource
    /// class whose outputs are always secret (a Kubernetes Secret's <c>data</c>) passes on for its caller's options.
    /// </summary>
    public CustomResourceOptions WithAdditionalSecretOutputs(params string[] names)
    {
        var copy = (CustomResourceOptions)MemberwiseClone();
        copy.AdditionalSecretOutputs = [.. AdditionalSecretOutputs.Union(names)];
        return copy;
    }
}
