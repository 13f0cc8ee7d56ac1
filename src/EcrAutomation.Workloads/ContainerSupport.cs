namespace EcrAutomation.Workloads;

/// <summary>
/// Whether this machine can run containers the way <see cref="ContainerHost"/> does (as root, with runc, umoci and network
/// namespaces), and when not, why and how to fix it in one sentence. Callers that cannot run containers keep recording
/// workloads without running them and log <see cref="Reason"/> once.
/// </summary>
public sealed class ContainerSupport
{
    private ContainerSupport(bool canRun, string? reason)
    {
        CanRun = canRun;
        Reason = reason;
    }

    /// <summary>Whether containers can run here.</summary>
    public bool CanRun { get; }

    /// <summary>Why containers cannot run and what fixes it; <see langword="null"/> when they can.</summary>
    public string? Reason { get; }

    /// <summary>Checks this machine: the user, the tools on PATH, and that a network namespace can be made and removed.</summary>
    public static ContainerSupport Probe() => throw new NotImplementedException();
}
