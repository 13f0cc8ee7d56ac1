using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud;

/// <summary>Settings for one local cloud instance.</summary>
public sealed record LocalCloudOptions
{
    /// <summary>The moto default account, used by default so that STS and ECR agree.</summary>
    public const string DefaultAccountId = "123456789012";

    /// <summary>Loopback TCP port to listen on; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>Folder holding blobs, repository metadata, the token secret and the state file.
    /// Defaults to <see cref="DefaultDataDirectory"/>.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory();

    /// <summary>Account id used in ARNs, URIs and registry ids.</summary>
    public string AccountId { get; init; } = DefaultAccountId;

    /// <summary>The region of the ARNs and endpoints the local cloud answers with; clients sign their requests for it.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Whether to start a <c>moto_server</c> child process for all non-ECR services.</summary>
    public bool StartMoto { get; init; } = true;

    /// <summary>Path or name of the moto_server executable (looked up on PATH when not rooted).</summary>
    public string MotoServerExecutable { get; init; } = "moto_server";

    /// <summary>Clock used for push times, token expiry and lifecycle evaluation.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often stored lifecycle policies are applied in the background; null or zero disables the schedule.</summary>
    public TimeSpan? LifecyclePolicyInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether to write <c>local-cloud.json</c> (see <see cref="LocalCloudState"/>) into the data directory while running.</summary>
    public bool WriteStateFile { get; init; } = true;

    /// <summary>
    /// Whether ECS tasks and Kubernetes pods run as containers when the machine can run them (Linux, root, runc, umoci,
    /// network namespaces; otherwise one warning at start says why and they are only recorded). Off records them only.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RunContainers { get; init; } = true;

    /// <summary>
    /// When tasks are only recorded, how many each ACTIVE ECS service reports running: its desired count unless set. A lower
    /// number makes every service with more desired tasks never reach a steady state, as on AWS when tasks keep failing
    /// (for testing what waits on services).
    /// </summary>
    public int? RecordedRunningTasksPerService { get; init; }

    /// <summary>Optional logging setup; by default the server logs nothing.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>
    /// The default data folder: <c>$ECR_AUTOMATION_HOME/local-cloud</c>, where ECR_AUTOMATION_HOME defaults to
    /// <c>~/.ecr-automation</c>.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        var home = Environment.GetEnvironmentVariable("ECR_AUTOMATION_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ecr-automation");
        }

        return Path.Combine(home, "local-cloud");
    }
}
