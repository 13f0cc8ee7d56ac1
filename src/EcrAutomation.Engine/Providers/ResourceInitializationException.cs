namespace EcrAutomation.Providers;

/// <summary>
/// A create that made the resource and then failed (Pulumi's "partial create" / initialization error): the engine records
/// the resource with <see cref="Id"/>, <see cref="Inputs"/> (what the resource has now, so the next diff applies the rest)
/// and <see cref="Outputs"/>, then fails the step; the next update updates it instead of creating it again.
/// </summary>
public sealed class ResourceInitializationException(string id, PropertyMap inputs, PropertyMap outputs, string message, Exception? inner = null)
    : ResourceProviderException(message, inner)
{
    /// <summary>The id of the resource the failed create made.</summary>
    public string Id { get; } = id;
    /// <summary>The inputs the resource has now, recorded so that the next update applies the rest.</summary>
    public PropertyMap Inputs { get; } = inputs;
    /// <summary>The resource's outputs so far.</summary>
    public PropertyMap Outputs { get; } = outputs;
}
