namespace EcrAutomation.Lifecycle;

/// <summary>Base class of every error this library throws for a bad policy or awsx rule list.</summary>
public abstract class LifecyclePolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    protected LifecyclePolicyException(string message)
        : base(message)
    {
    }
}
