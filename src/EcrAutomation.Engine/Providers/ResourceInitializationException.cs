namespace EcrAutomation.Providers;

/// <summary>
/// A create that made the resource and then failed (Pulumi's "partial create" / initialization error): the engine records
/// the resource with <see cref="Id"/>, <see cref="Inputs"/> (what the resource has now, so the next diff applies the rest)
/// and <see cref="Outputs"/>, then fails the step; the next update updates it instead of creating it again.
/// </summary>
public sealed class ResourceInitializationException(string id, PropertyMap inputs, PropertyMap outputs, string message, Exception? inner = null)
    : ResourceProviderException(message, inner)
{
    public string Id { get; } = id;
    public PropertyMap Inputs { get; } = inputs;
    public PropertyMap Outputs { get; } = outputs;
}
