using System.Collections.Immutable;
using System.Text;
using System.Threading.Channels;
using EcrAutomation.Automation.Display;
using EcrAutomation.Automation.Secrets;
using EcrAutomation.Deployment;
using EcrAutomation.Events;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Automation;

/// <summary>A stack of a workspace: runs preview/up/refresh/destroy in-process and manages the stack's config and state.</summary>
public sealed class WorkspaceStack : IDisposable
{
    internal WorkspaceStack(string name, LocalWorkspace workspace)
    {
        Name = name;
        Workspace = workspace;
    }

    /// <summary>The stack's name.</summary>
    public string Name { get; }
    /// <summary>The workspace the stack belongs to.</summary>
    public LocalWorkspace Workspace { get; }
    private string Project => Workspace.Project.Name;
    private StackStore Store => Workspace.Store;
    private StackLockHandle? _held;

    /// <summary>
    /// Takes the stack's lock and holds it until the returned handle is disposed; this stack's operations meanwhile run
    /// under it. A lock left by a process that is gone is taken over, and the handle says whose it was.
    /// </summary>
    /// <param name="operation">What the holder does, recorded in the lock for whoever finds the stack locked.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConcurrentUpdateException">Another process holds the lock (the message names it, in Pulumi's words).</exception>
    /// <exception cref="InvalidOperationException">This stack already holds its lock.</exception>
    public Task<StackLockHandle> LockAsync(string? operation = null, CancellationToken cancellationToken = default)
    {
        if (!Store.Exists(Project, Name)) throw new StackNotFoundException(Name);
        if (_held is not null) throw new InvalidOperationException($"stack '{Name}' already holds its lock");
        var takenOver = new List<string>();
        StackLock stackLock;
        try { stackLock = Store.AcquireLock(Project, Name, takenOver.Add, operation); }
        catch (StackLockedException e) { throw new ConcurrentUpdateException(e.Message, e); }
        _held = new StackLockHandle(stackLock, takenOver, () => _held = null);
        return Task.FromResult(_held);
    }

    /// <summary>The stack's lock for one operation; none when <see cref="LockAsync"/> holds it already.</summary>
    private StackLock? LockForOperation(string operation, Action<string>? warn = null)
    {
        if (_held is not null) return null;
        try { return Store.AcquireLock(Project, Name, warn, operation); }
        catch (StackLockedException e) { throw new ConcurrentUpdateException(e.Message, e); }
    }

    /// <summary>Creates, updates and deletes resources so the stack matches the program (Pulumi's <c>up</c>).</summary>
    /// <param name="options">Targets, replacements, a program override, run-only config, event and output callbacks.</param>
    /// <param name="cancellationToken">Stops scheduling new steps; steps in flight may finish within the grace period.</param>
    /// <exception cref="UpdateFailedException">A step, the program or saving the state failed, or the run was canceled.</exception>
    /// <exception cref="ConcurrentUpdateException">Another update holds the stack's lock.</exception>
    /// <exception cref="InvalidUrnException">A target or replace URN is malformed or not in the stack.</exception>
    public async Task<UpResult> UpAsync(UpOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpOptions();
        var run = await RunAsync(Common(options, UpdateKind.Update) with
        {
            TargetDependents = options.TargetDependents,
            Replace = options.Replace ?? [],
            ExpectNoChanges = options.ExpectNoChanges,
            ContinueOnError = options.ContinueOnError,
        }, options, options.Program, options.ShowSecrets, cancellationToken).ConfigureAwait(false);
        var outputs = await GetOutputsAsync(cancellationToken).ConfigureAwait(false);
        return new UpResult(run.Output, "", run.Summary, outputs);
    }

    /// <summary>Computes what an update would do, changing nothing (Pulumi's <c>preview</c>); takes no lock.</summary>
    /// <param name="options">Targets, replacements, a program override, run-only config, event and output callbacks.</param>
    /// <param name="cancellationToken">Cancels the preview.</param>
    /// <exception cref="UpdateFailedException">The program or a check failed.</exception>
    public async Task<PreviewResult> PreviewAsync(PreviewOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PreviewOptions();
        var run = await RunAsync(Common(options, UpdateKind.Preview, dryRun: true) with
        {
            TargetDependents = options.TargetDependents,
            Replace = options.Replace ?? [],
            ExpectNoChanges = options.ExpectNoChanges,
        }, options, options.Program, false, cancellationToken).ConfigureAwait(false);
        return new PreviewResult(run.Output, "", run.Result.ResourceChanges);
    }

    /// <summary>Reads every resource's live state into the stack's state (Pulumi's <c>refresh</c>); resources gone from the cloud are dropped.</summary>
    /// <param name="options">Preview only, expect no changes, targets, callbacks.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <exception cref="UpdateFailedException">A read failed, or drift was found while <see cref="RefreshOptions.ExpectNoChanges"/> was set.</exception>
    public async Task<UpdateResult> RefreshAsync(RefreshOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RefreshOptions();
        var run = await RunAsync(Common(options, UpdateKind.Refresh, options.PreviewOnly) with
        {
            ExpectNoChanges = options.ExpectNoChanges,
        }, options, null, options.ShowSecrets, cancellationToken).ConfigureAwait(false);
        if (options.ExpectNoChanges && run.Result.ResourceChanges.Any(kv => kv.Key != OperationType.Same && kv.Value > 0))
            throw new UpdateFailedException(UpdateKind.Refresh, ["no changes were expected but the refresh found drift"], UpdateOutcome.Failed);
        return new UpdateResult(run.Output, "", run.Summary);
    }

    /// <summary>Deletes every resource of the stack, dependents first (Pulumi's <c>destroy</c>); the stack itself stays.</summary>
    /// <param name="options">Targets, preview only, callbacks.</param>
    /// <param name="cancellationToken">Cancels the destroy.</param>
    /// <exception cref="UpdateFailedException">A delete failed (a protected resource, for example).</exception>
    public async Task<UpdateResult> DestroyAsync(DestroyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DestroyOptions();
        var run = await RunAsync(Common(options, UpdateKind.Destroy, options.PreviewOnly) with
        {
            TargetDependents = options.TargetDependents,
            ContinueOnError = options.ContinueOnError,
        }, options, null, options.ShowSecrets, cancellationToken).ConfigureAwait(false);
        return new UpdateResult(run.Output, "", run.Summary);
    }

    /// <summary>The engine options every operation shares.</summary>
    private static DeploymentOptions Common(UpdateOptions options, UpdateKind kind, bool dryRun = false)
    {
        var defaults = new DeploymentOptions();
        return defaults with
        {
            Kind = kind,
            DryRun = dryRun,
            Parallel = options.Parallel ?? defaults.Parallel,
            Target = options.Target ?? [],
            Message = options.Message,
        };
    }

    /// <summary>Runs an up and yields its engine events as they happen; the last is the cancel event.</summary>
    public IAsyncEnumerable<EngineEvent> UpWithEventsAsync(UpOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpOptions();
        return Stream((onEvent, ct) => { options.OnEvent += onEvent; return UpAsync(options, ct); }, cancellationToken);
    }

    /// <summary>Runs a preview and yields its engine events as they happen.</summary>
    public IAsyncEnumerable<EngineEvent> PreviewWithEventsAsync(PreviewOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PreviewOptions();
        return Stream((onEvent, ct) => { options.OnEvent += onEvent; return PreviewAsync(options, ct); }, cancellationToken);
    }

    /// <summary>
    /// Yields the run's events until the run has finished, then rethrows its outcome: a canceled run ends with its
    /// cancel event and <see cref="UpdateFailedException"/>, as the non-streaming call does, after the lock and journal
    /// are released. A consumer that stops early cancels the run and waits for it to release them.
    /// </summary>
    private static async IAsyncEnumerable<EngineEvent> Stream(Func<Action<EngineEvent>, CancellationToken, Task> run, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        var task = run(e => channel.Writer.TryWrite(e), stop.Token);
        _ = task.ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false)) yield return e;
        }
        finally
        {
            if (!task.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)task).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
        await task.ConfigureAwait(false);
    }

    private sealed record RunOutcome(DeploymentResult Result, UpdateSummary Summary, string Output);

    private async Task<RunOutcome> RunAsync(DeploymentOptions deployment, UpdateOptions options, PulumiFn? programOverride, bool showSecrets, CancellationToken cancellationToken)
    {
        var runsProgram = deployment.Kind is UpdateKind.Update or UpdateKind.Preview;
        var program = programOverride ?? Workspace.Program;
        if (program is null && runsProgram)
            throw new AutomationException("this workspace has no program: pass one in InlineProgramArgs or UpOptions.Program");
        if (!Store.Exists(Project, Name)) throw new StackNotFoundException(Name);

        var (config, secretKeys) = LoadConfig();
        foreach (var (k, v) in options.ConfigOverrides ?? new Dictionary<string, ConfigValue>())
        {
            var key = ConfigKey.Normalize(k, Project);
            config[key] = v.Value;
            if (v.IsSecret) secretKeys.Add(key);
            else secretKeys.Remove(key);
        }
        var definition = runsProgram ? program!.Prepare(this, new StackConfig(config, secretKeys)) : null;
        var report = new ProgressReport(Name, deployment.Kind, deployment.DryRun)
        {
            ShowDiff = options is UpOptions { Diff: true } or PreviewOptions { Diff: true },
        };
        options.OnProgressReport?.Invoke(report);
        var text = new StringBuilder();
        void Line(string line)
        {
            lock (text) text.Append(line).Append('\n');
            options.OnStandardOutput?.Invoke(line);
        }
        Line(report.Header);
        Line("");

        var stackLock = deployment.DryRun ? null : LockForOperation(WireNames.Of(deployment.Kind), w => Line("warning: " + w));
        var started = Workspace.Time.GetUtcNow();
        DeploymentResult result;
        try
        {
            result = await DeploymentEngine.RunAsync(new DeploymentRequest
            {
                Project = Project,
                Stack = Name,
                Program = definition,
                Providers = Workspace.Providers,
                Store = Store,
                Config = config,
                SecretConfigKeys = secretKeys,
                Secrets = salt => Workspace.OpenSecrets(Name, salt),
                Options = deployment,
                Time = Workspace.Time,
                OnEvent = e =>
                {
                    if (report.Apply(e) is { } progress) Line(progress);
                    options.OnEvent?.Invoke(e);
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidUrnOptionException e) { throw new InvalidUrnException(e.Urns, e.Message, e); }
        finally
        {
            stackLock?.Dispose();
        }

        if (deployment.Kind == UpdateKind.Update && !deployment.DryRun && result.Outputs.Count > 0)
            report.Outputs = result.Outputs.ToDictionary(kv => kv.Key, kv => (PropertyConverter.ToPlainObject(kv.Value), kv.Value.ContainsSecrets()));
        report.ShowSecrets = showSecrets;
        if (report.ShowedProgress) Line("");
        foreach (var line in report.Render(includeHeader: false).TrimEnd('\n').Split('\n')) Line(line);

        var ended = Workspace.Time.GetUtcNow();
        var state = result.Succeeded ? UpdateState.Succeeded : UpdateState.Failed;
        var summary = new UpdateSummary(deployment.Kind, started, deployment.Message, ended, state, result.ResourceChanges,
            config.ToImmutableDictionary(kv => kv.Key, kv => secretKeys.Contains(kv.Key) ? "[secret]" : kv.Value));
        // A run that could not read the stack's state did not start: like Pulumi, it leaves no history entry.
        if (!deployment.DryRun && result.StateLoaded)
        {
            Store.AppendHistory(Project, Name, new UpdateRecord(deployment.Kind, started, deployment.Message, ended,
                state, result.ResourceChanges, new Dictionary<string, string>(), summary.Config));
        }
        if (!result.Succeeded)
            throw new UpdateFailedException(deployment.Kind, result.Errors, result.Result) { Report = text.ToString() };
        return new RunOutcome(result, summary, text.ToString());
    }

    private (Dictionary<string, string> Config, HashSet<string> SecretKeys) LoadConfig()
    {
        var settings = StackSettings.Load(Workspace.StackSettingsPath(Name));
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var secretKeys = new HashSet<string>(StringComparer.Ordinal);
        // A key management service is asked at once, secrets or not, so a key that cannot be used stops the operation
        // before it changes anything, with the provider's own error.
        var secrets = settings.SecretsProvider is null ? null : Workspace.OpenSecrets(Name, null);
        foreach (var (k, v) in settings.Config)
        {
            if (v.IsSecret)
            {
                secrets ??= Workspace.OpenSecrets(Name, null);
                config[k] = secrets.Decrypt(v.Value);
                secretKeys.Add(k);
            }
            else config[k] = v.Value;
        }
        return (config, secretKeys);
    }

    /// <summary>The stack outputs; secret values are flagged (their value is still returned, for the program's use).</summary>
    public Task<IImmutableDictionary<string, OutputValue>> GetOutputsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = Load();
        IImmutableDictionary<string, OutputValue> outputs = snapshot.StackOutputs.ToImmutableDictionary(
            kv => kv.Key, kv => new OutputValue(PropertyConverter.ToPlainObject(kv.Value), kv.Value.ContainsSecrets()));
        return Task.FromResult(outputs);
    }

    private Snapshot Load()
    {
        if (!Store.Exists(Project, Name)) throw new StackNotFoundException(Name);
        return Store.Load(Project, Name, salt => Workspace.OpenSecrets(Name, salt), out _);
    }

    /// <summary>One config value of the stack, decrypted when secret.</summary>
    /// <param name="key">The key; a bare key takes the project's namespace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="AutomationException">The key is not set.</exception>
    public Task<ConfigValue> GetConfigAsync(string key, CancellationToken cancellationToken = default)
    {
        var all = GetAllConfigCore();
        var full = ConfigKey.Normalize(key, Project);
        return all.TryGetValue(full, out var v) ? Task.FromResult(v)
            : throw new AutomationException($"configuration key '{full}' not found for stack '{Name}'");
    }

    /// <summary>Every config value of the stack by full key, secrets decrypted and flagged.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ImmutableDictionary<string, ConfigValue>> GetAllConfigAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(GetAllConfigCore());

    private ImmutableDictionary<string, ConfigValue> GetAllConfigCore()
    {
        var (config, secretKeys) = LoadConfig();
        return config.ToImmutableDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value, secretKeys.Contains(kv.Key)));
    }

    /// <summary>Sets a config value in the stack's file; a secret is encrypted with the stack's passphrase first.</summary>
    /// <param name="key">The key; a bare key takes the project's namespace.</param>
    /// <param name="value">The plain value and whether it is secret.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SetConfigAsync(string key, ConfigValue value, CancellationToken cancellationToken = default)
    {
        var path = Workspace.StackSettingsPath(Name);
        var settings = StackSettings.Load(path);
        var full = ConfigKey.Normalize(key, Project);
        if (value.IsSecret)
        {
            var secrets = Workspace.OpenSecrets(Name, null);
            settings = StackSettings.Load(path); // OpenSecrets may have just written the salt
            settings.Config[full] = new ConfigValue(secrets.Encrypt(value.Value), true);
        }
        else settings.Config[full] = new ConfigValue(value.Value, false);
        settings.Save(path);
        return Task.CompletedTask;
    }

    /// <summary>Removes a config value from the stack's file.</summary>
    /// <param name="key">The key; a bare key takes the project's namespace.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task RemoveConfigAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = Workspace.StackSettingsPath(Name);
        var settings = StackSettings.Load(path);
        settings.Config.Remove(ConfigKey.Normalize(key, Project));
        settings.Save(path);
        return Task.CompletedTask;
    }

    /// <summary>The stack's state in Pulumi's export form; secrets stay encrypted unless <paramref name="showSecrets"/>.</summary>
    public Task<StackDeployment> ExportStackAsync(bool showSecrets = false, CancellationToken cancellationToken = default)
    {
        string? provider = null;
        var snapshot = Store.Load(Project, Name, p => Workspace.OpenSecrets(Name, provider = p), out var stateProvider);
        provider ??= stateProvider;
        var manager = provider is null || !snapshot.Resources.Any(r => r.Outputs.Values.Any(v => v.ContainsSecrets()) || r.Inputs.Values.Any(v => v.ContainsSecrets()))
            ? null : Workspace.OpenSecrets(Name, provider);
        return Task.FromResult(new StackDeployment(3, CheckpointSerializer.Export(snapshot, manager, showSecrets, Workspace.Time.GetUtcNow())));
    }

    /// <summary>Replaces the stack's state with an export (from this tool or from Pulumi), after validating all of it:
    /// schema, URNs, parents, dependencies and providers. An invalid export raises <see cref="InvalidInputException"/>
    /// and nothing is written.</summary>
    public Task ImportStackAsync(StackDeployment deployment, CancellationToken cancellationToken = default)
    {
        Snapshot snapshot;
        try { (snapshot, _) = CheckpointSerializer.ReadExport(Encoding.UTF8.GetBytes(deployment.Json), s => Workspace.OpenSecrets(Name, s)); }
        catch (StateException e) { throw new InvalidInputException($"the deployment to import is invalid: {e.Message}. Nothing was written.", e); }
        var prefix = $"urn:pulumi:{Name}::{Project}::";
        if (snapshot.Resources.FirstOrDefault(r => !r.Urn.StartsWith(prefix, StringComparison.Ordinal)) is { } foreign)
            throw new InvalidInputException(
                $"the deployment to import is invalid: resource '{foreign.Urn}' belongs to another stack or project (this stack's URNs start with '{prefix}'); " +
                "importing it would make the next update create its resources again and delete these. Nothing was written.");
        var hasSecrets = snapshot.Resources.Any(r => r.Outputs.Values.Any(v => v.ContainsSecrets()) || r.Inputs.Values.Any(v => v.ContainsSecrets()));
        var manager = hasSecrets ? Workspace.OpenSecrets(Name, null) : null;
        using (LockForOperation("stack import"))
            Store.WriteCheckpoint(Project, Name, new Snapshot(SnapshotOrder.Sort(snapshot.Resources), snapshot.PendingOperations), manager);
        return Task.CompletedTask;
    }

    /// <summary>The stack's updates, refreshes and destroys, newest first.</summary>
    /// <param name="options">Paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<UpdateSummary>> GetHistoryAsync(HistoryOptions? options = null, CancellationToken cancellationToken = default)
    {
        var all = Store.ReadHistory(Project, Name);
        var pageSize = options?.PageSize ?? int.MaxValue;
        var page = Math.Max(1, options?.Page ?? 1);
        IReadOnlyList<UpdateSummary> result = [.. all.Skip((page - 1) * Math.Min(pageSize, all.Count + 1)).Take(pageSize).Select(r => new UpdateSummary(
            r.Kind, r.StartTime, r.Message, r.EndTime, r.Result, r.ResourceChanges.ToImmutableDictionary(), r.Config.ToImmutableDictionary()))];
        return Task.FromResult(result);
    }

    /// <summary>
    /// Moves the stack's secrets to another provider, or rotates them when it is the same one (a new salt or data key),
    /// as <c>pulumi stack change-secrets-provider</c>: under the stack's lock, the config file's secure values and the
    /// state's secrets are decrypted with the current provider and encrypted again with the new one. The new provider is
    /// created (a KMS data key generated) before anything is written, so a key that cannot be used changes nothing.
    /// </summary>
    /// <param name="newSecretsProvider"><c>passphrase</c> or <c>awskms://KEY_ID_OR_ALIAS?region=REGION</c>.</param>
    /// <param name="options">The new passphrase, for a change to <c>passphrase</c>.</param>
    /// <param name="cancellationToken">Cancels the call before it writes.</param>
    /// <exception cref="SecretsProviderException">The provider is not supported or its key cannot be used; nothing was changed.</exception>
    /// <exception cref="ConcurrentUpdateException">Another operation holds the stack's lock.</exception>
    public Task ChangeSecretsProviderAsync(string newSecretsProvider, SecretsProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        SecretsProviders.Validate(newSecretsProvider);
        if (!Store.Exists(Project, Name)) throw new StackNotFoundException(Name);
        using (LockForOperation("stack change-secrets-provider"))
        {
            var path = Workspace.StackSettingsPath(Name);
            var (config, secretKeys) = LoadConfig();
            var snapshot = Store.Load(Project, Name, p => Workspace.OpenSecrets(Name, p), out _);
            var manager = SecretsProviders.Create(newSecretsProvider, () => options?.NewPassphrase ?? Workspace.ReadPassphrase());
            cancellationToken.ThrowIfCancellationRequested();
            // The checkpoint first: it names its own provider, so either file, read alone, can still be decrypted.
            Store.WriteCheckpoint(Project, Name, snapshot, manager);
            var settings = StackSettings.Load(path);
            SecretsProviders.Record(settings, manager);
            foreach (var key in secretKeys) settings.Config[key] = new ConfigValue(manager.Encrypt(config[key]), true);
            settings.Save(path);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes the stack's locks (after an update was killed, or hangs on another host) and returns who held them
    /// (<c>user@host (pid N) at TIME, running OPERATION, lease until TIME</c>); empty when the stack was not locked.
    /// A holder that is still running loses its lock: its next lease renewal notices, and it writes no checkpoint.
    /// </summary>
    public Task<IReadOnlyList<string>> CancelAsync(CancellationToken cancellationToken = default) => Task.FromResult(Store.ClearLocks(Project, Name));

    /// <summary>Does nothing: a stack holds no resources between operations (kept for Pulumi compatibility).</summary>
    public void Dispose() { }
}
