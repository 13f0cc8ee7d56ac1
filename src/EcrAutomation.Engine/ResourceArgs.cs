namespace EcrAutomation;

/// <summary>Base class of resource argument bags. Properties carrying <see cref="InputAttribute"/> are sent to the provider.</summary>
public abstract class ResourceArgs
{
    /// <summary>An empty argument bag.</summary>
    public static readonly ResourceArgs Empty = new EmptyResourceArgs();

    private sealed class EmptyResourceArgs : ResourceArgs;
}
