using EcrAutomation.Deployment;
using EcrAutomation.Events;

namespace EcrAutomation;

/// <summary>
/// Diagnostics from a program or a component (Pulumi's <c>Log</c>): shown at preview and up, attached to the resource
/// they are about.
/// </summary>
public static class Log
{
    /// <summary>An informational message (Pulumi's <c>log.info</c>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="resource">The resource it is about, or null for the stack.</param>
    public static void Info(string message, Resource? resource = null) => Write(DiagnosticSeverity.Info, message, resource);

    /// <summary>A warning: shown in the Diagnostics section; the operation goes on.</summary>
    /// <param name="message">The message.</param>
    /// <param name="resource">The resource it is about, or null for the stack.</param>
    public static void Warn(string message, Resource? resource = null) => Write(DiagnosticSeverity.Warning, message, resource);

    private static void Write(DiagnosticSeverity severity, string message, Resource? resource)
    {
        var context = resource?.Context ?? DeploymentContext.Current
            ?? throw new InvalidOperationException("Log can only be used while a program runs (inside the program delegate or a resource constructor).");
        context.Log(severity, message, resource?.UrnValue);
    }
}
