using EcrAutomation.Providers;
using EcrAutomation.Events;

namespace EcrAutomation.Deployment;

/// <summary>The engine side of a running program.</summary>
internal interface IResourceMonitor
{
    Task<RegistrationResult> RegisterResourceAsync(ResourceRegistration registration);
    Task RegisterOutputsAsync(Resource resource, PropertyMap outputs);
    void Log(DiagnosticSeverity severity, string message, string? urn);
}
