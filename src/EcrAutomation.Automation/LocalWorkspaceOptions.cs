using EcrAutomation.Providers;
using EcrAutomation.Schema;
using EcrAutomation.State;

namespace EcrAutomation.Automation;

/// <summary>Where a workspace keeps its files and which providers it uses.</summary>
public class LocalWorkspaceOptions
{
    /// <summary>The folder with <c>Pulumi.yaml</c> and the stack config files. Default: a folder per project under the state root.</summary>
    public string? WorkDir { get; set; }
    /// <summary>The root of all state (<c>.pulumi/...</c>) when no backend URL is given, and of the default work folders. Default: <c>ECR_AUTOMATION_HOME</c>, else <c>~/.ecr-automation</c>.</summary>
    public string? StateRoot { get; set; }
    /// <summary>
    /// Where stack state lives, as the Pulumi CLI names backends: <c>file://PATH</c> (<c>file://~</c> is the home folder) or
    /// <c>s3://bucket/prefix?region=...&amp;endpoint=...</c> (with <see cref="StateStorageFactory"/>). Default:
    /// <c>PULUMI_BACKEND_URL</c>, else Pulumi.yaml's <c>backend: url:</c>, else the <see cref="StateRoot"/> folder.
    /// </summary>
    public string? BackendUrl { get; set; }
    /// <summary>
    /// Opens the storage of a backend URL that is not <c>file://</c>: <c>S3StateStorage.Open</c> of the
    /// EcrAutomation.State.S3 package for <c>s3://</c> (this package brings no AWS code).
    /// </summary>
    public Func<Uri, IStateStorage>? StateStorageFactory { get; set; }
    /// <summary>
    /// How long a stack lock holds without renewal; the holder renews it every sixth of it, and a killed holder's lock is
    /// taken over once it lapses. Default: <c>ECR_AUTOMATION_LOCK_LEASE</c> seconds, else 60 s.
    /// </summary>
    public TimeSpan? LockLease { get; set; }
    /// <summary>The program the workspace's stacks run; an operation may run another (<see cref="UpOptions.Program"/>).</summary>
    public PulumiFn? Program { get; set; }
    /// <summary>
    /// The secrets provider of the stacks the workspace creates, as <c>pulumi stack init --secrets-provider</c> takes it:
    /// <c>passphrase</c> (the default) or <c>awskms://KEY_ID_OR_ALIAS?region=REGION</c> (also <c>&amp;endpoint=URL</c>).
    /// </summary>
    public string? SecretsProvider { get; set; }
    /// <summary>Written as Pulumi.yaml when the work folder has none.</summary>
    public ProjectSettings? ProjectSettings { get; set; }
    /// <summary>Overrides of environment variables (PULUMI_CONFIG_PASSPHRASE, ECR_AUTOMATION_HOME, ...).</summary>
    public IDictionary<string, string?>? EnvironmentVariables { get; set; }
    /// <summary>Providers available to programs. The built-in random provider is always included.</summary>
    public ProviderRegistry? Providers { get; set; }
    /// <summary>
    /// The resource types YAML programs may use, by Pulumi type token (<c>ResourceCatalog.FromAssemblies(...)</c> of the
    /// packages' assemblies, e.g. <c>typeof(EcrAutomation.Awsx.Ecr.Repository).Assembly</c>). Default: the built-in
    /// <c>random</c> package. C# programs do not need it.
    /// </summary>
    public ResourceCatalog? ResourceCatalog { get; set; }
    /// <summary>The functions YAML programs may call with <c>fn::invoke</c> (e.g. <c>AwsFunctions.AddTo(new FunctionCatalog())</c>). Default: none.</summary>
    public FunctionCatalog? FunctionCatalog { get; set; }
    /// <summary>The clock for history, locks and events; default: the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
