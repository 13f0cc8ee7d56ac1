namespace EcrAutomation;

/// <summary>Options for custom (provider-managed) resources.</summary>
public sealed class CustomResourceOptions : ResourceOptions
{
    public bool DeleteBeforeReplace { get; set; }
    /// <summary>Adopt an existing cloud resource with this id instead of creating it.</summary>
    public string? ImportId { get; set; }
    public List<string> AdditionalSecretOutputs { get; set; } = [];
}
