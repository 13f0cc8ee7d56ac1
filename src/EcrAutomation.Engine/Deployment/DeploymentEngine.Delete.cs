using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

internal sealed partial class DeploymentEngine
{
    /// <summary>
    /// Deletes resources in parallel, each only after every resource being deleted that depends on it (or is its child)
    /// is gone. Replaced resources (<c>delete: true</c>) are deleted as <c>delete-replaced</c>.
    /// </summary>
    private async Task DeleteAsync(IReadOnlyList<ResourceState> condemned)
    {
        if (condemned.Count == 0) return;
        SnapshotOrder.Sort(condemned); // throws a clear error for a cycle, which would otherwise wait forever
        static (string, bool) KeyOf(ResourceState r) => (r.Urn, r.Delete);
        var byUrn = condemned.GroupBy(r => r.Urn).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var dependents = condemned.ToDictionary(KeyOf, _ => new List<(string, bool)>());
        foreach (var r in condemned)
            foreach (var target in SnapshotOrder.References(r).Distinct().Where(byUrn.ContainsKey).SelectMany(u => byUrn[u]).Where(t => t != r))
                dependents[KeyOf(target)].Add(KeyOf(r));
        var completions = condemned.ToDictionary(KeyOf, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var tasks = condemned.Select(state => Task.Run(async () =>
        {
            var key = KeyOf(state);
            try
            {
                await Task.WhenAll(dependents[key].Select(d => completions[d].Task)).ConfigureAwait(false);
                await DeleteOneAsync(state, state.Delete ? OperationType.DeleteReplaced : OperationType.Delete).ConfigureAwait(false);
                completions[key].TrySetResult();
            }
            catch (Exception e)
            {
                // A failed dependent blocks what it depends on: those are not attempted and not reported again.
                if (IsStepFailure(e) && dependents[key].All(d => completions[d].Task.IsCompletedSuccessfully))
                {
                    _events.Emit(new ResourceOperationFailedEvent(EventEmitter.Step(OperationType.Delete, state.Urn, state.Type, state, null), 1, 1));
                    Fail(state.Urn, e is ResourceProviderException ? e.Message : $"{e.GetType().Name}: {e.Message}");
                }
                completions[key].TrySetException(new DeploymentStepException("delete failed", e));
            }
        })).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        ThrowIfStopping();
    }

    private async Task DeleteOneAsync(ResourceState state, OperationType op)
    {
        ThrowIfStopping();
        if (IsProviderResource(state))
        {
            if (!DryRun) _live.End(null, null, (state.Urn, state.Delete));
            return;
        }
        if (state.External)
        {
            // Never this stack's to delete: only dropped from the state (Pulumi's discard).
            op = op == OperationType.DeleteReplaced ? OperationType.DiscardReplaced : OperationType.ReadDiscard;
            var discard = EventEmitter.Step(op, state.Urn, state.Type, state, null);
            _events.Emit(new ResourcePreEvent(discard, DryRun));
            if (!DryRun) _live.End(null, null, (state.Urn, state.Delete));
            _events.Emit(new ResourceOutputsEvent(discard, DryRun));
            return;
        }
        if (state.Protect) throw new ResourceProviderException(ProtectedMessage(state.Urn));
        var metadata = EventEmitter.Step(op, state.Urn, state.Type, state, null, logical: op != OperationType.DeleteReplaced);
        _events.Emit(new ResourcePreEvent(metadata, DryRun));
        if (!DryRun)
        {
            if (state.Custom && !state.RetainOnDelete && !string.IsNullOrEmpty(state.Id))
            {
                var provider = _request.Providers.Get(state.Type);
                var pending = new PendingOperation(state, PendingOperationType.Deleting);
                await WithSlotAsync(async ct =>
                {
                    _live.Begin(pending);
                    try
                    {
                        await provider.DeleteAsync(Stamp(new DeleteRequest(state.Urn, state.Type, Urns.Name(state.Urn), state.Id!, state.Inputs, state.Outputs, state.CustomTimeouts?.Delete), state.Provider), ct).ConfigureAwait(false);
                    }
                    catch { _live.ClearPending(pending); throw; }
                    return 0;
                }, state.CustomTimeouts?.Delete).ConfigureAwait(false);
                _live.End(pending, null, (state.Urn, state.Delete));
            }
            else
            {
                _live.End(null, null, (state.Urn, state.Delete));
            }
        }
        if (op == OperationType.Delete) Count(OperationType.Delete);
        _events.Emit(new ResourceOutputsEvent(metadata, DryRun));
    }

    /// <summary>Reads every custom resource's live state; updates or drops state entries that drifted.</summary>
    private async Task RefreshAsync()
    {
        var tasks = _oldLive.Values.Where(r => IsTargeted(r.Urn)).Select(r => Task.Run(async () =>
        {
            try { await RefreshOneAsync(r).ConfigureAwait(false); }
            catch (Exception e) when (IsStepFailure(e))
            {
                _events.Emit(new ResourceOperationFailedEvent(EventEmitter.Step(OperationType.Refresh, r.Urn, r.Type, r, null), 1, 1));
                Fail(r.Urn, e is ResourceProviderException ? e.Message : $"{e.GetType().Name}: {e.Message}");
            }
        })).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task RefreshOneAsync(ResourceState old)
    {
        if (IsProviderResource(old)) return;
        if (!old.Custom || string.IsNullOrEmpty(old.Id))
        {
            Count(OperationType.Same);
            return;
        }
        var provider = _request.Providers.Get(old.Type);
        _events.Emit(new ResourcePreEvent(EventEmitter.Step(OperationType.Refresh, old.Urn, old.Type, old, old), DryRun));
        var read = await WithSlotAsync(ct => provider.ReadAsync(Stamp(new ReadRequest(old.Urn, old.Type, Urns.Name(old.Urn), old.Id!, old.Inputs, old.Outputs), old.Provider), ct), null).ConfigureAwait(false);
        if (read is null)
        {
            if (!DryRun) _live.End(null, null, (old.Urn, false));
            Count(OperationType.Delete);
            _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Refresh, old.Urn, old.Type, old, null), DryRun));
            return;
        }
        var refreshed = old with
        {
            Id = read.Id,
            Outputs = SecretOutputs(old.Inputs, read.Outputs, old.AdditionalSecretOutputs),
            Inputs = read.Inputs is null ? old.Inputs : SecretOutputs(old.Inputs, read.Inputs, []),
        };
        var changed = !refreshed.Outputs.Equals(old.Outputs) || !refreshed.Inputs.Equals(old.Inputs) || refreshed.Id != old.Id;
        var diff = changed ? ProviderDiff.Compare(old.Outputs.Unsecret(), refreshed.Outputs.Unsecret(), []) : null;
        if (changed && !DryRun) _live.End(null, refreshed with { Modified = _request.Time.GetUtcNow() });
        Count(changed ? OperationType.Update : OperationType.Same);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Refresh, old.Urn, old.Type, old, refreshed, diff), DryRun));
    }
}
