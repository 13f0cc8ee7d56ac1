namespace EcrAutomation.Workloads;

/// <summary>
/// A container could not start: its image is missing from the store or not runnable, its user does not exist in the image,
/// or runc refused. The message says which, in the words ECS (<c>CannotPullContainerError</c>,
/// <c>CannotStartContainerError</c>) and Kubernetes (<c>ErrImagePull</c>, <c>CreateContainerError</c>) report.
/// </summary>
public sealed class ContainerStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">A short reason code: <c>CannotPullContainerError</c> or <c>CannotStartContainerError</c>.</param>
    /// <param name="message">What went wrong and what fixes it.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ContainerStartException(string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary><c>CannotPullContainerError</c> (the image) or <c>CannotStartContainerError</c> (the process).</summary>
    public string Reason { get; }
}
