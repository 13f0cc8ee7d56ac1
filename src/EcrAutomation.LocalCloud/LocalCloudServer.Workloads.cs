using System.Security.Cryptography;
using System.Text;
using EcrAutomation.LocalCloud.Storage;
using EcrAutomation.LocalCloud.Workloads;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud;

/// <summary>The local cloud's container runner: ECS tasks and Kubernetes pods run as containers from its own registry.</summary>
public sealed partial class LocalCloudServer
{
    /// <summary>
    /// Runs ECS tasks and pods as containers (state under <c>&lt;data&gt;/containers</c>); null when this machine cannot run
    /// containers (one warning says why at start) or <see cref="LocalCloudOptions.RunContainers"/> is off: then workloads
    /// are recorded, not run.
    /// </summary>
    internal ContainerHost? Containers { get; private set; }

    /// <summary>
    /// The prefix of the namespaces, veths and runc containers of the local cloud on <paramref name="dataDirectory"/>: the
    /// same for every run on that directory (so a start removes what a killed run left) and different for two directories.
    /// </summary>
    internal static string ContainerNamePrefix(string dataDirectory)
        => "lc" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)))))[..6];

    private static async Task<ContainerHost?> StartContainersAsync(LocalCloudOptions options, string dataDirectory, RegistryState state, ILoggerFactory loggers, ILogger logger, CancellationToken cancellationToken)
    {
        if (!options.RunContainers)
        {
            return null;
        }

        var support = ContainerSupport.Probe();
        if (!support.CanRun)
        {
            logger.LogWarning("{Reason} ECS tasks and Kubernetes pods are recorded but not run.", support.Reason);
            return null;
        }

        try
        {
            return await ContainerHost.StartAsync(
                new ContainerHostOptions
                {
                    StateDirectory = Path.Combine(dataDirectory, "containers"),
                    NamePrefix = ContainerNamePrefix(dataDirectory),
                    Images = new RegistryImageStore(state),
                    Time = options.TimeProvider,
                },
                loggers.CreateLogger("EcrAutomation.LocalCloud.Workloads"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The container runner did not start ({Message}); ECS tasks and Kubernetes pods are recorded but not run.", ex.Message);
            return null;
        }
    }
}
