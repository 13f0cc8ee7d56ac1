using EcrAutomation.Automation.Secrets;
using EcrAutomation.Providers;
using EcrAutomation.Schema;
using EcrAutomation.Builtins;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Automation;

/// <summary>
/// A workspace: one project folder, one state root and the providers programs can use. Everything runs in this process:
/// no CLI, no plugins. Many workspaces and stacks may be used concurrently.
/// </summary>
public sealed class LocalWorkspace
{
    private LocalWorkspace(string workDir, ProjectSettings project, StackStore store, LocalWorkspaceOptions options)
    {
        WorkDir = workDir;
        Project = project;
        Store = store;
        Program = options.Program ?? (project.IsYaml ? PulumiFn.FromYamlProject(workDir) : null);
        ResourceCatalog = options.ResourceCatalog ?? DefaultResourceCatalog.Value;
        FunctionCatalog = options.FunctionCatalog ?? new FunctionCatalog();
        SecretsProvider = options.SecretsProvider;
        EnvironmentVariables = new Dictionary<string, string?>(options.EnvironmentVariables ?? new Dictionary<string, string?>());
        Providers = RandomProvider.Register(new ProviderRegistry());
        if (options.Providers is not null) Providers.AddRange(options.Providers);
        Time = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder with <c>Pulumi.yaml</c> and the stack config files.</summary>
    public string WorkDir { get; }
    /// <summary>The project's settings, as read from (or written to) <c>Pulumi.yaml</c>.</summary>
    public ProjectSettings Project { get; }
    /// <summary>
    /// The program the workspace's stacks run by default: the one given in the options, else, when <c>Pulumi.yaml</c> says
    /// <c>runtime: yaml</c>, the project's YAML program (inline in <c>Pulumi.yaml</c>, or <c>Main.yaml</c>), read and checked
    /// by each operation that runs it.
    /// </summary>
    public PulumiFn? Program { get; }
    /// <summary>The resource types YAML programs may use (<see cref="LocalWorkspaceOptions.ResourceCatalog"/>).</summary>
    public ResourceCatalog ResourceCatalog { get; }
    /// <summary>The functions YAML programs may call (<see cref="LocalWorkspaceOptions.FunctionCatalog"/>).</summary>
    public FunctionCatalog FunctionCatalog { get; }
    /// <summary>The secrets provider of the stacks this workspace creates (<c>passphrase</c>, the default, or <c>awskms://...</c>).</summary>
    public string? SecretsProvider { get; }
    /// <summary>Overrides of environment variables the workspace reads (<c>PULUMI_CONFIG_PASSPHRASE</c>, ...); the process environment is never changed.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; }
    /// <summary>The providers programs can use: those given in the options plus the built-in <c>random</c> package.</summary>
    public ProviderRegistry Providers { get; }
    /// <summary>The backend the workspace's stacks keep their state in (<c>file:///...</c> or <c>s3://bucket/prefix</c>).</summary>
    public string BackendUrl => Store.Storage.Url;
    internal StackStore Store { get; }

    private static readonly Lazy<ResourceCatalog> DefaultResourceCatalog = new(() => ResourceCatalog.FromAssemblies(typeof(RandomProvider).Assembly));
    internal TimeProvider Time { get; }

    /// <summary>The default state root: <c>ECR_AUTOMATION_HOME</c>, else <c>~/.ecr-automation</c>.</summary>
    public static string DefaultStateRoot(IDictionary<string, string?>? environment = null)
    {
        var configured = environment is not null && environment.TryGetValue("ECR_AUTOMATION_HOME", out var v) ? v : Environment.GetEnvironmentVariable("ECR_AUTOMATION_HOME");
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ecr-automation")
            : configured;
    }

    /// <summary>Opens a workspace: finds or writes <c>Pulumi.yaml</c> in the work folder and validates the project name.</summary>
    /// <param name="options">Folders, program, project settings, providers; an <see cref="InlineProgramArgs"/> also names the project.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ProjectSettingsConflictException">The given project settings name another project than the <c>Pulumi.yaml</c> on disk.</exception>
    /// <exception cref="InvalidInputException">The project name is not valid.</exception>
    public static Task<LocalWorkspace> CreateAsync(LocalWorkspaceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalWorkspaceOptions();
        // Absolute from here on: programs resolve their files (an image's context, fn::readFile) against the project folder.
        var stateRoot = Path.GetFullPath(options.StateRoot ?? DefaultStateRoot(options.EnvironmentVariables));
        var projectName = (options as InlineProgramArgs)?.ProjectName ?? options.ProjectSettings?.Name;
        if (projectName is not null) ValidateProjectName(projectName, "given");
        if (options.SecretsProvider is { } secretsProvider) SecretsProviders.Validate(secretsProvider);
        var workDir = Path.GetFullPath(options.WorkDir ?? Path.Combine(stateRoot, "workspaces", projectName ?? "project"));
        Directory.CreateDirectory(workDir);
        var onDisk = ProjectSettings.Load(workDir);
        var wanted = options.ProjectSettings ?? (projectName is null ? null : new ProjectSettings(projectName));
        ProjectSettings project;
        if (onDisk is null)
        {
            project = wanted ?? throw new AutomationException($"no Pulumi.yaml in '{workDir}' and no project settings given; pass ProjectSettings or an InlineProgramArgs project name");
            project.Save(workDir);
        }
        else
        {
            if (wanted is not null && wanted.Name != onDisk.Name)
                throw new ProjectSettingsConflictException($"the project settings name '{wanted.Name}' conflicts with '{onDisk.Name}' in {Path.Combine(workDir, ProjectSettings.FileName)}");
            project = onDisk;
        }
        ValidateProjectName(project.Name, $"in {Path.Combine(workDir, ProjectSettings.FileName)}");
        string? Env(string name) => options.EnvironmentVariables is { } env && env.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
        var store = new StackStore(StateBackend.Open(options, project, stateRoot, Env), options.TimeProvider) { LockLease = StateBackend.LockLease(options, Env) };
        return Task.FromResult(new LocalWorkspace(workDir, project, store, options));
    }

    /// <summary>Opens the workspace of <paramref name="args"/> and creates its stack.</summary>
    /// <param name="args">The program, project and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackAlreadyExistsException">The stack exists.</exception>
    public static async Task<WorkspaceStack> CreateStackAsync(InlineProgramArgs args, CancellationToken cancellationToken = default) =>
        await (await CreateAsync(args, cancellationToken).ConfigureAwait(false)).CreateStackAsync(args.StackName, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the workspace of <paramref name="args"/> and selects its existing stack.</summary>
    /// <param name="args">The program, project and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackNotFoundException">The stack does not exist.</exception>
    public static async Task<WorkspaceStack> SelectStackAsync(InlineProgramArgs args, CancellationToken cancellationToken = default) =>
        await (await CreateAsync(args, cancellationToken).ConfigureAwait(false)).SelectStackAsync(args.StackName, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the workspace of <paramref name="args"/> and selects its stack, creating it when it does not exist.</summary>
    /// <param name="args">The program, project and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<WorkspaceStack> CreateOrSelectStackAsync(InlineProgramArgs args, CancellationToken cancellationToken = default) =>
        CreateOrSelectStackAsync(args, args.StackName, cancellationToken);

    /// <summary>Opens the project folder of <paramref name="args"/> (its own program, e.g. a YAML one) and creates its stack.</summary>
    /// <param name="args">The project folder and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackAlreadyExistsException">The stack exists.</exception>
    public static async Task<WorkspaceStack> CreateStackAsync(LocalProgramArgs args, CancellationToken cancellationToken = default) =>
        await (await CreateAsync(args, cancellationToken).ConfigureAwait(false)).CreateStackAsync(args.StackName, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the project folder of <paramref name="args"/> and selects its existing stack.</summary>
    /// <param name="args">The project folder and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackNotFoundException">The stack does not exist.</exception>
    public static async Task<WorkspaceStack> SelectStackAsync(LocalProgramArgs args, CancellationToken cancellationToken = default) =>
        await (await CreateAsync(args, cancellationToken).ConfigureAwait(false)).SelectStackAsync(args.StackName, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens the project folder of <paramref name="args"/> and selects its stack, creating it when it does not exist.</summary>
    /// <param name="args">The project folder and stack.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static Task<WorkspaceStack> CreateOrSelectStackAsync(LocalProgramArgs args, CancellationToken cancellationToken = default) =>
        CreateOrSelectStackAsync(args, args.StackName, cancellationToken);

    private static async Task<WorkspaceStack> CreateOrSelectStackAsync(LocalWorkspaceOptions options, string stackName, CancellationToken cancellationToken)
    {
        var workspace = await CreateAsync(options, cancellationToken).ConfigureAwait(false);
        ValidateStackName(stackName);
        return workspace.Store.Exists(workspace.Project.Name, stackName)
            ? await workspace.SelectStackAsync(stackName, cancellationToken).ConfigureAwait(false)
            : await workspace.CreateStackAsync(stackName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates an empty stack of this project. With a key management service as <see cref="SecretsProvider"/>, the
    /// stack's data key is generated first and recorded in its config file (<c>secretsprovider</c>, <c>encryptedkey</c>).
    /// </summary>
    /// <param name="stackName">1-100 letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackAlreadyExistsException">The stack exists.</exception>
    /// <exception cref="InvalidInputException">The name is not valid.</exception>
    /// <exception cref="SecretsProviderException">The KMS key cannot be used; no stack was created.</exception>
    public Task<WorkspaceStack> CreateStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        ValidateStackName(stackName);
        if (Store.Exists(Project.Name, stackName)) throw new StackAlreadyExistsException(stackName);
        if (!SecretsProviders.IsPassphrase(SecretsProvider)) UseSecretsProvider(stackName, SecretsProvider!);
        try { Store.Create(Project.Name, stackName); }
        catch (StateConditionFailedException) { throw new StackAlreadyExistsException(stackName); }
        return Task.FromResult(new WorkspaceStack(stackName, this));
    }

    /// <summary>Selects an existing stack of this project.</summary>
    /// <param name="stackName">The stack's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="StackNotFoundException">The stack does not exist.</exception>
    public Task<WorkspaceStack> SelectStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        ValidateStackName(stackName);
        if (!Store.Exists(Project.Name, stackName)) throw new StackNotFoundException(stackName);
        return Task.FromResult(new WorkspaceStack(stackName, this));
    }

    /// <summary>The project's stacks, including any that has only a backup of its checkpoint (see <see cref="RecoverStackAsync"/>).</summary>
    public Task<IReadOnlyList<string>> ListStacksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.List(Project.Name));

    /// <summary>The stack's checkpoint is missing and only its backup is left: every operation refuses until it is recovered.</summary>
    public bool NeedsRecovery(string stackName)
    {
        ValidateStackName(stackName);
        return Store.HasOnlyBackup(Project.Name, stackName);
    }

    /// <summary>
    /// Restores a stack whose checkpoint is missing (a save was interrupted, or the corrupt file was moved aside) from
    /// its <c>.json.bak</c> and the journal of the interrupted run. Returns the number of journal records replayed.
    /// </summary>
    public Task<int> RecoverStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        ValidateStackName(stackName);
        if (!Store.Exists(Project.Name, stackName)) throw new StackNotFoundException(stackName);
        try
        {
            using (Store.AcquireLock(Project.Name, stackName, operation: "stack recover"))
                return Task.FromResult(Store.Recover(Project.Name, stackName, salt => OpenSecrets(stackName, salt)));
        }
        catch (StackLockedException e) { throw new ConcurrentUpdateException(e.Message, e); }
    }

    /// <summary>Removes a stack's state, history and config file; refuses when it still has resources unless forced.</summary>
    public Task RemoveStackAsync(string stackName, bool force = false, CancellationToken cancellationToken = default)
    {
        ValidateStackName(stackName);
        if (!Store.Exists(Project.Name, stackName)) throw new StackNotFoundException(stackName);
        if (!force)
        {
            var snapshot = Store.Load(Project.Name, stackName, null, out _);
            if (snapshot.Resources.Count > 0)
                throw new AutomationException($"stack '{stackName}' still has {snapshot.Resources.Count} resources; destroy them first or remove with force (this leaves them running)");
        }
        try
        {
            using (Store.AcquireLock(Project.Name, stackName, operation: "stack rm")) Store.Remove(Project.Name, stackName);
        }
        catch (StackLockedException e) { throw new ConcurrentUpdateException(e.Message, e); }
        var settings = StackSettingsPath(stackName);
        if (File.Exists(settings)) File.Delete(settings);
        return Task.CompletedTask;
    }

    /// <summary><c>Pulumi.&lt;stack&gt;.yaml</c> in the config folder; a valid stack name is one path segment, so it stays there.</summary>
    internal string StackSettingsPath(string stack)
    {
        ValidateStackName(stack);
        return StackSettings.PathFor(WorkDir, Project, stack);
    }

    internal string? GetEnvironment(string name) =>
        EnvironmentVariables.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// Opens the stack's secrets manager: the one a checkpoint's <c>secrets_providers</c> describes (it holds all it
    /// needs), else the one the stack config file names, else a new passphrase salt, recorded in that file.
    /// </summary>
    internal ISecretsManager OpenSecrets(string stack, string? checkpointProvider)
    {
        if (checkpointProvider is not null) return SecretsProviders.Open(checkpointProvider, ReadPassphrase);
        var settingsPath = StackSettingsPath(stack);
        var settings = StackSettings.Load(settingsPath);
        if (SecretsProviders.Open(settings, ReadPassphrase) is { } opened) return opened;
        var created = SecretsProviders.Create(settings.SecretsProvider ?? SecretsProviders.Passphrase, ReadPassphrase);
        SecretsProviders.Record(settings, created);
        settings.Save(settingsPath);
        return created;
    }

    /// <summary>Gives a new stack a data key of <paramref name="secretsProvider"/>, unless its config file already holds one of it.</summary>
    private void UseSecretsProvider(string stack, string secretsProvider)
    {
        var settingsPath = StackSettingsPath(stack);
        var settings = StackSettings.Load(settingsPath);
        if (settings.SecretsProvider == secretsProvider && settings.EncryptedKey is not null) return;
        if (settings.Config.Values.Any(v => v.IsSecret))
            throw new SecretsProviderException(
                $"{settingsPath} already holds secrets encrypted by another secrets provider; create the stack without --secrets-provider and then run `stack change-secrets-provider {secretsProvider}`");
        SecretsProviders.Record(settings, SecretsProviders.Create(secretsProvider, ReadPassphrase));
        settings.Save(settingsPath);
    }

    internal string ReadPassphrase() =>
        PassphraseSource.Read(EnvironmentVariables) ?? throw new SecretsException(PassphraseSource.MissingMessage);

    private static void ValidateProjectName(string name, string where)
    {
        if (StackStore.InvalidNameReason("project", name) is { } reason) throw new InvalidInputException($"{reason} (the name {where})");
    }

    private static void ValidateStackName(string name)
    {
        if (StackStore.InvalidNameReason("stack", name) is { } reason) throw new InvalidInputException(reason);
    }
}
