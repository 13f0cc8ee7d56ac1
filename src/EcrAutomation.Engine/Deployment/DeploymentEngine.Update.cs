using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

internal sealed partial class DeploymentEngine
{
    private async Task RunProgramAndDeleteAsync()
    {
        var program = _request.Program ?? throw new InvalidOperationException("an update or preview needs a program");
        var context = new DeploymentContext(_request.Project, _request.Stack, _request.Config, DryRun, this, _scope) { SecretConfigKeys = _request.SecretConfigKeys };
        await context.RunAsync(program, _stop.Token).ConfigureAwait(false);
        ThrowIfStopping();

        var condemned = _oldLive.Values.Where(r => !_registered.ContainsKey(r.Urn) && IsTargeted(r.Urn))
            .Concat(_old.Resources.Where(r => r.Delete))
            .ToList();
        if (_options.ExpectNoChanges && condemned.Count > 0)
        {
            Fail(null, $"no changes were expected but {condemned.Count} resource(s) would be deleted");
            return;
        }
        await DeleteAsync([.. condemned, .. _replaced]).ConfigureAwait(false);
    }

    async Task<RegistrationResult> IResourceMonitor.RegisterResourceAsync(ResourceRegistration reg)
    {
        if (!_registered.TryAdd(reg.Urn, 0))
        {
            Fail(reg.Urn, $"Duplicate resource URN '{reg.Urn}'; try giving it a unique name");
            throw new DeploymentStepException("duplicate URN");
        }
        try
        {
            ThrowIfStopping();
            return reg.Custom ? await CustomStepAsync(reg).ConfigureAwait(false) : ComponentStep(reg);
        }
        catch (Exception e) when (IsStepFailure(e))
        {
            var message = e is ResourceProviderException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            _events.Emit(new ResourceOperationFailedEvent(EventEmitter.Step(OperationType.Create, reg.Urn, reg.Type, null, null), 1, 1));
            Fail(reg.Urn, message);
            throw new DeploymentStepException(message, e);
        }
    }

    private ResourceState NewState(ResourceRegistration reg, PropertyMap inputs, ResourceState? old)
    {
        var o = reg.Resource.Options;
        var custom = o as CustomResourceOptions;
        return new ResourceState
        {
            Urn = reg.Urn,
            Type = reg.Type,
            Custom = reg.Custom,
            Id = old?.Id,
            Inputs = inputs,
            Outputs = old?.Outputs ?? PropertyMap.Empty,
            Parent = reg.Parent,
            Protect = o?.Protect ?? false,
            RetainOnDelete = o?.RetainOnDelete ?? false,
            Dependencies = reg.Dependencies,
            PropertyDependencies = reg.PropertyDependencies,
            IgnoreChanges = o?.IgnoreChanges ?? [],
            ReplaceOnChanges = o?.ReplaceOnChanges ?? [],
            AdditionalSecretOutputs = custom?.AdditionalSecretOutputs ?? [],
            CustomTimeouts = o?.CustomTimeouts,
            ImportId = custom?.ImportId,
            Provider = reg.Custom && !ProviderReferences.IsProviderType(reg.Type) ? reg.Provider ?? DefaultProviderReference(reg.Type, reg.Sequence) : null,
            Created = old?.Created ?? _request.Time.GetUtcNow(),
            Modified = old?.Modified ?? _request.Time.GetUtcNow(),
        };
    }

    private ResourceState? FindOld(ResourceRegistration reg)
    {
        if (_oldLive.TryGetValue(reg.Urn, out var old)) return old;
        foreach (var alias in reg.Resource.Options?.Aliases ?? [])
        {
            var urn = alias.Urn ?? Urns.Create(_request.Stack, _request.Project,
                alias.Parent is { } p ? $"{p.QualifiedType}${alias.Type ?? reg.Type}" : alias.Type ?? reg.Type,
                alias.Name ?? reg.Name);
            if (_oldLive.TryGetValue(urn, out old) && !_registered.ContainsKey(urn))
            {
                _registered.TryAdd(urn, 0); // the old URN is now this resource: do not delete it
                return old;
            }
        }
        return null;
    }

    private RegistrationResult ComponentStep(ResourceRegistration reg)
    {
        var old = FindOld(reg);
        var state = NewState(reg, reg.Inputs, old) with { Outputs = old?.Outputs ?? PropertyMap.Empty };
        var op = old is null ? OperationType.Create : old.Urn != reg.Urn ? OperationType.Update : OperationType.Same;
        RecordWithoutProviderCall(reg, old, state, op, "resource");
        return new RegistrationResult(reg.Urn, null, state.Outputs, DryRun);
    }

    /// <summary>
    /// The step of a resource that needs no provider call (a component, a provider resource): events, the change count,
    /// and a journal record when its state differs from the old one.
    /// </summary>
    private void RecordWithoutProviderCall(ResourceRegistration reg, ResourceState? old, ResourceState state, OperationType op, string what)
    {
        if (_options.ExpectNoChanges && op != OperationType.Same)
        {
            Fail(reg.Urn, $"no changes were expected but this {what} would be {(op == OperationType.Create ? "created" : "updated")}");
            throw new DeploymentStepException("unexpected change");
        }
        var metadata = EventEmitter.Step(op, reg.Urn, reg.Type, old, state);
        _events.Emit(new ResourcePreEvent(metadata, DryRun));
        if (!DryRun && (old is null || !old.SameAs(state)))
            _live.End(null, state, old is not null && old.Urn != reg.Urn ? (old.Urn, false) : null, reg.Sequence);
        Count(op);
        _events.Emit(new ResourceOutputsEvent(metadata, DryRun));
    }

    void IResourceMonitor.Log(DiagnosticSeverity severity, string message, string? urn) => _events.Diagnostic(urn, severity, message);

    async Task IResourceMonitor.RegisterOutputsAsync(Resource resource, PropertyMap outputs)
    {
        if (DryRun) return;
        var current = _live.Get(resource.UrnValue);
        if (current is null || current.Outputs.Equals(outputs)) return;
        _live.End(null, current with { Outputs = outputs });
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async Task<RegistrationResult> CustomStepAsync(ResourceRegistration reg)
    {
        if (ProviderReferences.IsProviderType(reg.Type)) return ExplicitProviderStep(reg);
        var provider = _request.Providers.Get(reg.Type);
        var old = FindOld(reg);
        var options = reg.Resource.Options as CustomResourceOptions;

        if (!IsTargeted(reg.Urn))
        {
            // Not targeted: keep what exists untouched; do not create what does not.
            if (old is not null) return new RegistrationResult(reg.Urn, old.Id, old.Outputs, DryRun);
            _events.Diagnostic(reg.Urn, DiagnosticSeverity.Info, "skipped: not targeted by this update");
            return new RegistrationResult(reg.Urn, null, reg.Inputs, DryRun);
        }

        if (reg.Read is { } read) return await ReadExternalAsync(reg, provider, old, read).ConfigureAwait(false);
        // A resource the program read before and now manages is created: the external one was never this stack's.
        if (old is { External: true }) old = null;
        if (old is null && options?.ImportId is { } importId)
            return await ImportAsync(reg, provider, importId).ConfigureAwait(false);

        var inputs = reg.Inputs;
        if (old is not null)
        {
            // ignoreChanges: the program's new value of these properties is replaced by the recorded one (Pulumi's semantics).
            foreach (var key in reg.Resource.Options?.IgnoreChanges ?? [])
                inputs = old.Inputs.TryGetValue(key, out var kept) ? inputs.Set(key, kept) : inputs.Remove(key);
            reg = reg with { Inputs = inputs };
        }
        var check = await provider.CheckAsync(Stamp(new CheckRequest(reg.Urn, reg.Type, reg.Name, old?.Inputs, inputs, Seed(reg.Urn)), reg.Provider)).ConfigureAwait(false);
        ThrowOnCheckFailures(reg, check);
        var state = NewState(reg, check.Inputs, old);

        if (old is null) return await CreateAsync(reg, provider, state).ConfigureAwait(false);

        // A resource whose provider was replaced (another cluster, say) is replaced too, never re-targeted in place.
        var diff = ProviderChanged(reg.Type.Split(':')[0], old.Provider, state.Provider) ? ProviderChangeDiff
            : await provider.DiffAsync(Stamp(new DiffRequest(reg.Urn, reg.Type, reg.Name, old.Id ?? "", old.Inputs, old.Outputs, check.Inputs, state.IgnoreChanges), reg.Provider)).ConfigureAwait(false);
        var forced = _options.Replace.Contains(reg.Urn);
        var replaceOnChanges = state.ReplaceOnChanges.Intersect(diff.ChangedKeys).ToList();
        var replace = forced || diff.ReplaceKeys.Count > 0 || replaceOnChanges.Count > 0 || state.ReplaceOnChanges.Contains("*") && diff.Changes;
        if (replace && diff.ReplaceKeys.Count == 0 && replaceOnChanges.Count > 0) diff = diff with { ReplaceKeys = replaceOnChanges };

        if (!diff.Changes && !replace)
            return SameStep(reg, old, state with { Outputs = old.Outputs, Id = old.Id, Modified = old.Modified });
        if (_options.ExpectNoChanges)
        {
            Fail(reg.Urn, $"no changes were expected but this resource would be {(replace ? "replaced" : "updated")} ({string.Join(", ", diff.ChangedKeys)})");
            throw new DeploymentStepException("unexpected change");
        }
        return replace
            ? await ReplaceAsync(reg, provider, old, state, diff, options?.DeleteBeforeReplace == true || diff.DeleteBeforeReplace).ConfigureAwait(false)
            : await UpdateAsync(reg, provider, old, state, diff).ConfigureAwait(false);
    }

    private static void ThrowOnCheckFailures(ResourceRegistration reg, CheckResponse check)
    {
        if (check.Failures.Count == 0) return;
        var reasons = string.Join("\n", check.Failures.Select(f => f.Property is null ? $"  {f.Reason}" : $"  {f.Property}: {f.Reason}"));
        throw new ResourceProviderException($"{reg.Type} '{reg.Name}' has invalid inputs:\n{reasons}");
    }

    private RegistrationResult SameStep(ResourceRegistration reg, ResourceState old, ResourceState state)
    {
        var metadata = EventEmitter.Step(OperationType.Same, reg.Urn, reg.Type, old, state);
        _events.Emit(new ResourcePreEvent(metadata, DryRun));
        if (!DryRun && !old.SameAs(state)) _live.End(null, state, old.Urn != reg.Urn ? (old.Urn, false) : null, reg.Sequence);
        Count(OperationType.Same);
        _events.Emit(new ResourceOutputsEvent(metadata, DryRun));
        return new RegistrationResult(reg.Urn, old.Id, old.Outputs, DryRun);
    }

    private PropertyMap SecretOutputs(PropertyMap inputs, PropertyMap outputs, IReadOnlyList<string> additional)
    {
        foreach (var (k, v) in outputs)
        {
            var secretInput = inputs.TryGetValue(k, out var i) && i.IsSecret;
            if ((secretInput || additional.Contains(k)) && !v.IsSecret) outputs = outputs.Set(k, PropertyValue.Secret(v));
        }
        return outputs;
    }

    private async Task<RegistrationResult> CreateAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState state, OperationType op = OperationType.Create)
    {
        var pre = EventEmitter.Step(op, reg.Urn, reg.Type, null, state, logical: op != OperationType.CreateReplacement);
        _events.Emit(new ResourcePreEvent(pre, DryRun));
        ResourceState created;
        if (DryRun)
        {
            var outputs = await provider.PreviewAsync(Stamp(new PreviewRequest(reg.Urn, reg.Type, reg.Name, null, state.Inputs, null), reg.Provider)).ConfigureAwait(false);
            created = state with { Id = null, Outputs = outputs };
        }
        else
        {
            var pending = new PendingOperation(state, PendingOperationType.Creating);
            var result = await WithSlotAsync(async ct =>
            {
                _live.Begin(pending);
                try { return await provider.CreateAsync(Stamp(new CreateRequest(reg.Urn, reg.Type, reg.Name, state.Inputs, state.CustomTimeouts?.Create), reg.Provider), ct).ConfigureAwait(false); }
                catch (ResourceInitializationException partial)
                {
                    // The resource exists: record it, so the next update finishes it instead of creating a second one.
                    var now = _request.Time.GetUtcNow();
                    _live.End(pending, state with { Id = partial.Id, Inputs = partial.Inputs, Outputs = SecretOutputs(partial.Inputs, partial.Outputs, state.AdditionalSecretOutputs), Created = now, Modified = now }, sequence: reg.Sequence);
                    throw;
                }
                catch { _live.ClearPending(pending); throw; }
            }, state.CustomTimeouts?.Create).ConfigureAwait(false);
            var now = _request.Time.GetUtcNow();
            created = state with { Id = result.Id, Outputs = SecretOutputs(state.Inputs, result.Outputs, state.AdditionalSecretOutputs), Created = now, Modified = now };
            _live.End(pending, created, sequence: reg.Sequence);
        }
        Count(op);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(op, reg.Urn, reg.Type, null, created, logical: op != OperationType.CreateReplacement), DryRun));
        return new RegistrationResult(reg.Urn, created.Id, created.Outputs, DryRun);
    }

    private async Task<RegistrationResult> UpdateAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState old, ResourceState state, DiffResponse diff)
    {
        _events.Emit(new ResourcePreEvent(EventEmitter.Step(OperationType.Update, reg.Urn, reg.Type, old, state, diff), DryRun));
        ResourceState updated;
        if (DryRun)
        {
            var outputs = await provider.PreviewAsync(Stamp(new PreviewRequest(reg.Urn, reg.Type, reg.Name, old.Id, state.Inputs, old.Outputs), reg.Provider)).ConfigureAwait(false);
            updated = state with { Outputs = outputs };
        }
        else
        {
            var pending = new PendingOperation(state, PendingOperationType.Updating);
            var result = await WithSlotAsync(async ct =>
            {
                _live.Begin(pending);
                try { return await provider.UpdateAsync(Stamp(new UpdateRequest(reg.Urn, reg.Type, reg.Name, old.Id ?? "", old.Inputs, old.Outputs, state.Inputs, state.CustomTimeouts?.Update), reg.Provider), ct).ConfigureAwait(false); }
                catch { _live.ClearPending(pending); throw; }
            }, state.CustomTimeouts?.Update).ConfigureAwait(false);
            updated = state with { Outputs = SecretOutputs(state.Inputs, result.Outputs, state.AdditionalSecretOutputs), Modified = _request.Time.GetUtcNow() };
            _live.End(pending, updated, old.Urn != reg.Urn ? (old.Urn, false) : null, reg.Sequence);
        }
        Count(OperationType.Update);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Update, reg.Urn, reg.Type, old, updated, diff), DryRun));
        return new RegistrationResult(reg.Urn, updated.Id, updated.Outputs, DryRun);
    }

    private async Task<RegistrationResult> ReplaceAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState old, ResourceState state, DiffResponse diff, bool deleteBeforeReplace)
    {
        if (old.Protect)
            throw new ResourceProviderException(ProtectedMessage(old.Urn));
        // Auto-named resources get a fresh name for the replacement, so old and new can coexist.
        var recheck = await provider.CheckAsync(Stamp(new CheckRequest(reg.Urn, reg.Type, reg.Name, null, reg.Inputs, Seed(reg.Urn, old.Id)), reg.Provider)).ConfigureAwait(false);
        ThrowOnCheckFailures(reg, recheck);
        state = state with { Inputs = recheck.Inputs, Id = null, Outputs = PropertyMap.Empty, Created = null };

        _events.Emit(new ResourcePreEvent(EventEmitter.Step(OperationType.Replace, reg.Urn, reg.Type, old, state, diff), DryRun));
        RegistrationResult result;
        if (deleteBeforeReplace)
        {
            await DeleteOneAsync(old, OperationType.DeleteReplaced).ConfigureAwait(false);
            result = await CreateAsync(reg, provider, state, OperationType.CreateReplacement).ConfigureAwait(false);
        }
        else
        {
            if (!DryRun) _live.MarkForDeletion(old);
            _replaced.Enqueue(old with { Delete = true });
            result = await CreateAsync(reg, provider, state, OperationType.CreateReplacement).ConfigureAwait(false);
        }
        Count(OperationType.Replace);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Replace, reg.Urn, reg.Type, old, state with { Id = result.Id, Outputs = result.Outputs }, diff), DryRun));
        return result;
    }

    private static string ProtectedMessage(string urn) =>
        $"unable to delete resource \"{urn}\"\nas it is currently marked for protection. To unprotect the resource, remove the `Protect` option from the resource in your program and run `up`, then try again";

    /// <summary>
    /// Reads an external resource (<see cref="ResourceOptions.Id"/>) with the program's arguments as its state, in a
    /// preview too; a resource this stack manages cannot become external (it would be orphaned or deleted unasked).
    /// </summary>
    private async Task<RegistrationResult> ReadExternalAsync(ResourceRegistration reg, IResourceProvider provider, ResourceState? old, ReadTarget read)
    {
        if (old is { External: false })
            throw new ResourceProviderException($"{reg.Type} '{reg.Name}' is managed by this stack, so it cannot be read as an existing resource (the Id option); " +
                "remove it from the program and run up (which deletes it), or drop it from the state with `state delete`, before reading it");
        var state = NewState(reg, reg.Inputs, old) with { External = true, Protect = false, RetainOnDelete = false };
        _events.Emit(new ResourcePreEvent(EventEmitter.Step(OperationType.Read, reg.Urn, reg.Type, old, state), DryRun));
        var found = read.Id is null ? null
            : await WithSlotAsync(ct => provider.ReadAsync(Stamp(new ReadRequest(reg.Urn, reg.Type, reg.Name, read.Id, reg.Inputs, null), reg.Provider), ct), null).ConfigureAwait(false);
        ResourceState readState;
        if (found is null && DryRun && (read.Id is null || read.FromResources))
        {
            // A preview whose id comes from a resource this update has yet to create or change: what it reads is unknown.
            var outputs = await provider.PreviewAsync(Stamp(new PreviewRequest(reg.Urn, reg.Type, reg.Name, null, reg.Inputs, null), reg.Provider)).ConfigureAwait(false);
            readState = state with { Id = null, Outputs = outputs };
        }
        else
        {
            if (found is null) throw new ResourceProviderException($"{reg.Type} '{reg.Name}': no resource with id '{read.Id}' exists to read");
            readState = state with { Id = found.Id, Inputs = found.Inputs ?? reg.Inputs, Outputs = SecretOutputs(reg.Inputs, found.Outputs, state.AdditionalSecretOutputs) };
            if (!DryRun && (old is null || !old.SameAs(readState)))
                _live.End(null, readState with { Modified = _request.Time.GetUtcNow() }, old is not null && old.Urn != reg.Urn ? (old.Urn, false) : null, reg.Sequence);
        }
        Count(OperationType.Read);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Read, reg.Urn, reg.Type, old, readState), DryRun));
        return new RegistrationResult(reg.Urn, readState.Id, readState.Outputs, DryRun);
    }

    private async Task<RegistrationResult> ImportAsync(ResourceRegistration reg, IResourceProvider provider, string importId)
    {
        var state = NewState(reg, reg.Inputs, null);
        _events.Emit(new ResourcePreEvent(EventEmitter.Step(OperationType.Import, reg.Urn, reg.Type, null, state), DryRun));
        var read = await WithSlotAsync(ct => provider.ReadAsync(Stamp(new ReadRequest(reg.Urn, reg.Type, reg.Name, importId, reg.Inputs, null), reg.Provider), ct), null).ConfigureAwait(false)
            ?? throw new ResourceProviderException($"resource '{importId}' does not exist, so it cannot be imported as {reg.Type} '{reg.Name}'");
        var imported = state with { Id = read.Id, Outputs = read.Outputs, Inputs = read.Inputs ?? reg.Inputs };
        if (!DryRun) _live.End(null, imported, sequence: reg.Sequence);
        Count(OperationType.Import);
        _events.Emit(new ResourceOutputsEvent(EventEmitter.Step(OperationType.Import, reg.Urn, reg.Type, null, imported), DryRun));
        return new RegistrationResult(reg.Urn, imported.Id, imported.Outputs, DryRun);
    }
}
