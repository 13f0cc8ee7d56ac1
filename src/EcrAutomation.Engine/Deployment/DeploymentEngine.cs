using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>
/// Runs one operation (update, preview, refresh, destroy) on one stack. Registrations stream in from the program; each is
/// diffed against the previous state as it arrives and its step runs as soon as its dependencies have finished, bounded by
/// <see cref="DeploymentOptions.Parallel"/>. Resources the program no longer registers are deleted afterwards, dependents
/// first. State changes are journaled step by step and compacted into a checkpoint at the end.
/// </summary>
internal sealed partial class DeploymentEngine : IResourceMonitor
{
    private readonly DeploymentRequest _request;
    /// <summary>What the run's providers and program share (connections, caches); disposed when the run ends.</summary>
    private readonly DeploymentScope _scope = new();
    private readonly DeploymentOptions _options;
    private readonly EventEmitter _events;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<OperationType, int> _changes = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentDictionary<string, byte> _registered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ResourceState> _replaced = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _hardStop = new();
    private Snapshot _old = Snapshot.Empty;
    private Dictionary<string, ResourceState> _oldLive = new(StringComparer.Ordinal);
    private LiveState _live = null!;
    private ISecretsManager? _secretsManager;
    private string? _secretsSalt;
    private HashSet<string>? _targets;
    private bool _canceled;

    private DeploymentEngine(DeploymentRequest request)
    {
        _request = request;
        _options = request.Options;
        _events = new EventEmitter(request.OnEvent, request.Time);
        _slots = new SemaphoreSlim(Math.Max(1, _options.Parallel));
    }

    private bool DryRun => _options.DryRun;
    private StackStore Store => _request.Store;

    /// <summary>Runs an operation. Failures of steps are reported in events and in the result, not thrown.</summary>
    public static async Task<DeploymentResult> RunAsync(DeploymentRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Options.Kind is not (UpdateKind.Update or UpdateKind.Preview or UpdateKind.Refresh or UpdateKind.Destroy))
            throw new ArgumentException($"the engine runs update, preview, refresh and destroy operations, not '{WireNames.Of(request.Options.Kind)}'", nameof(request));
        var engine = new DeploymentEngine(request);
        await using (engine._scope.ConfigureAwait(false))
            return await engine.RunCoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeploymentResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        _events.Emit(new PreludeEvent(_request.Config.ToImmutableSortedDictionary(
            kv => kv.Key, kv => _request.SecretConfigKeys.Contains(kv.Key) ? "[secret]" : kv.Value, StringComparer.Ordinal)));

        using var registration = cancellationToken.Register(() =>
        {
            _canceled = true;
            _stop.Cancel();
            _hardStop.CancelAfter(_options.CancellationGracePeriod);
        });

        StateJournal? journal = null;
        var uncompacted = false;
        var stateLoaded = false;
        try
        {
            _old = Store.Load(_request.Project, _request.Stack, OpenSecrets, out _secretsSalt);
            stateLoaded = true;
            foreach (var r in _old.Resources) if (!r.Delete) _oldLive[r.Urn] = r;
            CheckUrnOptions();
            _targets = _options.Target.Count > 0 ? ExpandTargets() : null;
            _autonamingSeed = Store.AutonamingSeed(_request.Project, _request.Stack);
            // A run killed before its final save left its records in the journal: this run's save catches the checkpoint up.
            uncompacted = !DryRun && Store.HasUncompactedJournal(_request.Project, _request.Stack);
            if (!DryRun) journal = Store.OpenJournal(_request.Project, _request.Stack, RequireSecrets);
            _live = new LiveState(_old, journal, DryRun ? null : () => Store.WriteCheckpoint(_request.Project, _request.Stack, _live.ToSnapshot(), _secretsManager, keepJournal: true));

            await ResolvePendingOperationsAsync().ConfigureAwait(false);
            switch (_options.Kind)
            {
                case UpdateKind.Update or UpdateKind.Preview:
                    await RunProgramAndDeleteAsync().ConfigureAwait(false);
                    break;
                case UpdateKind.Refresh:
                    await RefreshAsync().ConfigureAwait(false);
                    break;
                case UpdateKind.Destroy:
                    await DeleteAsync(_oldLive.Values.Concat(_old.Resources.Where(r => r.Delete)).Where(r => IsTargeted(r.Urn)).ToList()).ConfigureAwait(false);
                    break;
            }
        }
        catch (InvalidUrnOptionException) { throw; }
        catch (Exception e) when (e is StateException or SecretsException)
        {
            Fail(null, e.Message);
        }
        catch (OperationCanceledException) when (_canceled) { }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (e is not DeploymentStepException) Fail(null, ProgramError(e));
        }
        finally
        {
            journal?.Dispose();
        }

        var result = _canceled ? UpdateOutcome.Canceled : _errors.IsEmpty ? UpdateOutcome.Succeeded : UpdateOutcome.Failed;
        var final = _live?.ToSnapshot();
        if (!DryRun && _live is not null)
        {
            try
            {
                if (_live.Changed || uncompacted) Store.WriteCheckpoint(_request.Project, _request.Stack, final!, _secretsManager);
                else Store.DeleteEmptyJournal(_request.Project, _request.Stack);
            }
            catch (Exception e)
            {
                Fail(null, $"the state could not be saved: {e.Message}. The journal next to the stack file still holds every change; the next run recovers it.");
                result = UpdateOutcome.Failed;
            }
        }

        var changes = _changes.ToImmutableSortedDictionary(WireNames.Order<OperationType>());
        var duration = started.Elapsed;
        _events.Emit(new SummaryEvent(false, (int)Math.Ceiling(duration.TotalSeconds), changes, DryRun, result));
        _events.Emit(new CancelEvent());
        var outputs = final?.StackOutputs ?? PropertyMap.Empty;
        return new DeploymentResult(result, changes, outputs, [.. _errors], duration) { StateLoaded = stateLoaded };
    }

    private static string ProgramError(Exception e) => e switch
    {
        ResourceProviderException or ConfigMissingException or InvalidOperationException or ArgumentException => e.Message,
        _ => $"an unhandled exception occurred in the program: {e.GetType().Name}: {e.Message}",
    };

    private ISecretsManager OpenSecrets(string? salt) => _secretsManager ??= _request.Secrets?.Invoke(salt ?? _secretsSalt)
        ?? throw new SecretsException(PassphraseSource.MissingMessage);

    private ISecretsManager RequireSecrets() => OpenSecrets(_secretsSalt);

    private void Count(OperationType op) => _changes.AddOrUpdate(op, 1, (_, n) => n + 1);

    private void Fail(string? urn, string message)
    {
        _errors.Enqueue(urn is null ? message : $"{urn}: {message}");
        _events.Diagnostic(urn, DiagnosticSeverity.Error, message);
        if (!_options.ContinueOnError) _stop.Cancel();
    }

    /// <summary>
    /// A failure to report for the step: anything but an already-reported step failure or the user's cancellation.
    /// A cancellation the user did not ask for (an HTTP client timeout, say) is a failure, never a silent success.
    /// </summary>
    private bool IsStepFailure(Exception e) => e is not DeploymentStepException && !(e is OperationCanceledException && _stop.IsCancellationRequested);

    private void ThrowIfStopping()
    {
        if (_stop.IsCancellationRequested) throw _canceled ? new OperationCanceledException("the operation was canceled") : new DeploymentStepException("the deployment stopped after an error");
    }

    private async Task<T> WithSlotAsync<T>(Func<CancellationToken, Task<T>> action, TimeSpan? timeout)
    {
        ThrowIfStopping();
        await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            ThrowIfStopping();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(_hardStop.Token);
            // Providers receive the timeout and should enforce it with their own, more specific error; the engine is the
            // backstop, cutting the call off at 1.5x the timeout (at most 30 s later).
            if (timeout is { } t) cts.CancelAfter(t + TimeSpan.FromTicks(Math.Min(t.Ticks / 2, TimeSpan.FromSeconds(30).Ticks)));
            try { return await action(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested && !_hardStop.IsCancellationRequested)
            {
                throw new ResourceProviderException($"the operation did not finish within its custom timeout of {timeout}; raise CustomTimeouts if the resource needs longer");
            }
        }
        finally { _slots.Release(); }
    }

    /// <summary>Gives a provider request its resource's log, the config of its provider (<paramref name="providerReference"/>) and the run's scope.</summary>
    private T Stamp<T>(T request, string? providerReference) where T : ProviderRequest => request with
    {
        Log = new EventResourceLog(_events, request.Urn),
        Config = ConfigFor(providerReference),
        Scope = _scope,
    };

    private sealed class EventResourceLog(EventEmitter events, string urn) : IResourceLog
    {
        public void Info(string message) => events.Diagnostic(urn, DiagnosticSeverity.Info, message);
        public void Warning(string message) => events.Diagnostic(urn, DiagnosticSeverity.Warning, message);
    }

    /// <summary>
    /// Every <c>--target</c> and <c>--replace</c> URN must be well formed and name a resource of the stack: checked before
    /// anything changes, like Pulumi's "Target ... could not be found in the stack".
    /// </summary>
    private void CheckUrnOptions()
    {
        var problems = new List<(string Urn, string Problem)>();
        foreach (var (option, urns) in new[] { ("target", _options.Target), ("replace", _options.Replace) })
            foreach (var urn in urns.Distinct())
            {
                if (!Urns.IsValid(urn))
                    problems.Add((urn, $"{option} '{urn}' is not a valid URN (expected urn:pulumi:<stack>::<project>::<type>::<name>)"));
                else if (!_oldLive.ContainsKey(urn))
                    problems.Add((urn, $"{option} '{urn}' could not be found in the stack" + (urn.Contains('$') ? "" : "; did you forget to escape $ in your shell?")));
            }
        if (problems.Count > 0)
            throw new InvalidUrnOptionException([.. problems.Select(p => p.Urn)], string.Join("\n", problems.Select(p => p.Problem)) +
                "\nNothing was changed. List the stack's URNs with `ecr-automation stack export`.");
    }

    private HashSet<string> ExpandTargets()
    {
        var targets = new HashSet<string>(_options.Target, StringComparer.Ordinal);
        bool added;
        do
        {
            added = false;
            foreach (var r in _oldLive.Values)
                if (!targets.Contains(r.Urn) && SnapshotOrder.References(r).Any(targets.Contains))
                {
                    // A destroy must not leave a resource behind whose parent or dependency it deleted.
                    if (!_options.TargetDependents && _options.Kind == UpdateKind.Destroy)
                        throw new InvalidUrnOptionException([r.Urn], $"'{r.Urn}' depends on a resource this destroy targets, but is not targeted itself. " +
                            "Nothing was changed. Add --target-dependents (TargetDependents) to destroy it too, or target it as well.");
                    if (_options.TargetDependents) added |= targets.Add(r.Urn);
                }
        } while (added);
        return targets;
    }

    private bool IsTargeted(string urn) => _targets is null || _targets.Contains(urn);

    private string? _autonamingSeed;

    /// <summary>The Check seed of a resource: stable for the stack and URN (so preview and up agree), new for a replacement.</summary>
    private byte[] Seed(string urn, string? salt = null)
    {
        return SHA256.HashData(Encoding.UTF8.GetBytes(_autonamingSeed + "\n" + urn + "\n" + salt));
    }

    /// <summary>Operations a killed process left unfinished: adopt what exists, clear the rest, and say so.</summary>
    private async Task ResolvePendingOperationsAsync()
    {
        foreach (var op in _live.Pending)
        {
            var urn = op.Resource.Urn;
            if (DryRun)
            {
                _events.Diagnostic(urn, DiagnosticSeverity.Warning, $"a previous update was interrupted while {WireNames.Of(op.Type)} this resource; the next update will resolve it");
                continue;
            }
            if (op.Type != PendingOperationType.Creating)
            {
                _live.ClearPending(op);
                _events.Diagnostic(urn, DiagnosticSeverity.Warning, $"cleared an interrupted '{WireNames.Of(op.Type)}' operation from a previous update; this update compares against the last recorded state");
                continue;
            }
            ReadResponse? found = null;
            if (_request.Providers.TryGet(op.Resource.Type, out var provider))
            {
                found = await provider.FindInterruptedCreateAsync(Stamp(new FindRequest(urn, op.Resource.Type, Urns.Name(urn), op.Resource.Inputs), op.Resource.Provider)).ConfigureAwait(false);
            }
            if (found is not null)
            {
                var adopted = op.Resource with { Id = found.Id, Inputs = found.Inputs ?? op.Resource.Inputs, Outputs = found.Outputs, Modified = _request.Time.GetUtcNow() };
                _live.End(op, adopted);
                _oldLive[urn] = adopted;
                _events.Diagnostic(urn, DiagnosticSeverity.Warning, $"adopted resource '{found.Id}', whose create was interrupted by a previous update, instead of creating it again");
            }
            else
            {
                _live.ClearPending(op);
                _events.Diagnostic(urn, DiagnosticSeverity.Warning, provider is null
                    ? "cleared an interrupted create: no provider can check whether it exists; if it does, import it with the ImportId option"
                    : "cleared an interrupted create from a previous update: the resource does not exist, so it will be created");
            }
        }
    }
}
