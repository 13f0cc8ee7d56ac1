using System.Collections.Concurrent;
using System.Reflection;
using EcrAutomation.Providers;
using EcrAutomation.Events;

namespace EcrAutomation.Deployment;

/// <summary>
/// The state of one running program: which stack it deploys, its config, and the registrations in flight.
/// It is reachable from resource constructors through an <see cref="AsyncLocal{T}"/> set only for that program's async
/// flow, so concurrent deployments in one process never see each other.
/// </summary>
internal sealed class DeploymentContext
{
    private static readonly AsyncLocal<DeploymentContext?> CurrentContext = new();

    private readonly IResourceMonitor _monitor;
    private readonly ConcurrentQueue<Task> _pending = new();
    private int _sequence;

    public DeploymentContext(string projectName, string stackName, IReadOnlyDictionary<string, string> config, bool isPreview, IResourceMonitor monitor, DeploymentScope scope)
    {
        Scope = scope;
        ProjectName = projectName;
        StackName = stackName;
        Config = config;
        IsPreview = isPreview;
        _monitor = monitor;
    }

    public static DeploymentContext? Current => CurrentContext.Value;

    public string ProjectName { get; }
    public string StackName { get; }
    public string RootName => $"{ProjectName}-{StackName}";
    public IReadOnlyDictionary<string, string> Config { get; }
    /// <summary>The keys of <see cref="Config"/> whose values are secret in the stack's config (programs keep them secret).</summary>
    public IReadOnlySet<string> SecretConfigKeys { get; init; } = new HashSet<string>();
    public bool IsPreview { get; }
    public DeploymentScope Scope { get; }
    public Resource Root { get; private set; } = null!;

    internal void SetRoot(Stack stack) => Root = stack;

    public Task<RegistrationResult> Register(Resource resource, ResourceArgs args)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var task = RegisterAsync(resource, args, sequence);
        _pending.Enqueue(task);
        return task;
    }

    private async Task<RegistrationResult> RegisterAsync(Resource resource, ResourceArgs args, int sequence)
    {
        await Task.Yield(); // let the constructor finish before any awaiting happens
        PropertySerializer.SerializedArgs serialized;
        try { serialized = await PropertySerializer.SerializeArgsAsync(args).ConfigureAwait(false); }
        catch (Exception e) when (e is DependencyFailedException || IsRegistrationFailure(e)) { throw new DependencyFailedException(e); }

        var dependsOn = resource.Options?.DependsOn ?? [];
        ReadTarget? read = null;
        if (resource.Options?.Id is { } readId)
        {
            if (!resource.IsCustom) throw new ArgumentException($"component '{resource.Name}' ({resource.Type}) has the Id option, which reads an existing cloud resource; only custom resources can be read");
            OutputData<string> id;
            try { id = await readId.ToOutput().DataTask.ConfigureAwait(false); }
            catch (Exception e) when (e is DependencyFailedException || IsRegistrationFailure(e)) { throw new DependencyFailedException(e); }
            read = new ReadTarget(id.IsKnown ? id.Value : null, !id.Resources.IsEmpty);
            dependsOn = [.. dependsOn.Union(id.Resources)];
        }
        var waitFor = serialized.Dependencies.Union(dependsOn);
        if (resource.Parent is not null) waitFor = waitFor.Add(resource.Parent);
        foreach (var dependency in waitFor)
        {
            try { await dependency.Registration.ConfigureAwait(false); }
            catch (Exception e) { throw new DependencyFailedException(e); }
        }

        string? providerReference = null;
        if (resource.IsCustom && ExplicitProvider(resource) is { } provider)
        {
            RegistrationResult registered;
            try { registered = await provider.Registration.ConfigureAwait(false); }
            catch (Exception e) { throw new DependencyFailedException(e); }
            providerReference = $"{provider.UrnValue}::{registered.Id}";
        }

        var dependencies = serialized.Dependencies.Union(dependsOn).Select(r => r.UrnValue).Distinct().Order(StringComparer.Ordinal).ToList();
        var propertyDependencies = serialized.PropertyDependencies
            .Where(kv => kv.Value.Count > 0)
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value.Select(r => r.UrnValue).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return await _monitor.RegisterResourceAsync(new ResourceRegistration(
            resource, resource.UrnValue, resource.Type, resource.Name, resource.IsCustom, resource.Parent?.UrnValue,
            serialized.Inputs, dependencies, propertyDependencies, sequence, providerReference, read)).ConfigureAwait(false);
    }

    /// <summary>The explicit provider of a resource's package that it or its nearest ancestor chose, if any.</summary>
    private static ProviderResource? ExplicitProvider(Resource resource)
    {
        if (resource is ProviderResource) return null;
        var package = resource.Type.Split(':')[0];
        for (var r = resource; r is not null; r = r.Parent)
        {
            if (r.Options?.Provider is { } provider)
            {
                if (provider.Package == package) return provider;
                if (ReferenceEquals(r, resource))
                    throw new ArgumentException($"resource '{resource.Name}' ({resource.Type}) names the provider '{provider.Name}' of package '{provider.Package}', which cannot manage it; choose a '{package}' provider");
            }
            if ((r.Options as ComponentResourceOptions)?.Providers.FirstOrDefault(p => p.Package == package) is { } forChildren) return forChildren;
        }
        return null;
    }

    private static bool IsRegistrationFailure(Exception e) => e is DeploymentStepException;

    public void Log(DiagnosticSeverity severity, string message, string? urn) => _monitor.Log(severity, message, urn);

    public void RegisterOutputs(Resource resource, IDictionary<string, object?> outputs) =>
        RegisterOutputs(resource, Task.FromResult(outputs));

    public void RegisterOutputs(Resource resource, Task<IDictionary<string, object?>> outputs) =>
        _pending.Enqueue(RegisterOutputsAsync(resource, outputs));

    private async Task RegisterOutputsAsync(Resource resource, Task<IDictionary<string, object?>> outputsTask)
    {
        var outputs = await outputsTask.ConfigureAwait(false);
        await resource.Registration.ConfigureAwait(false);
        var deps = new HashSet<Resource>();
        var values = new List<KeyValuePair<string, PropertyValue>>();
        foreach (var (k, v) in outputs)
        {
            try { values.Add(KeyValuePair.Create(k, await PropertySerializer.SerializeAsync(v, deps).ConfigureAwait(false))); }
            catch (Exception e) when (e is DependencyFailedException or DeploymentStepException) { throw new DependencyFailedException(e); }
        }
        await _monitor.RegisterOutputsAsync(resource, PropertyMap.From(values)).ConfigureAwait(false);
    }

    /// <summary>Runs a program to completion in its own async flow and waits for every registration it started.</summary>
    public Task RunAsync(ProgramDefinition program, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        CurrentContext.Value = this;
        IDictionary<string, object?> outputs;
        try
        {
            if (program.StackType is { } stackType)
            {
                Stack stack;
                try { stack = (Stack)Activator.CreateInstance(stackType)!; }
                catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
                outputs = StackOutputs(stack);
            }
            else
            {
                new Stack();
                outputs = await program.Run!(cancellationToken).ConfigureAwait(false) ?? new Dictionary<string, object?>();
            }
        }
        catch
        {
            // The program failed: let the steps it already started finish (and be recorded) before reporting it.
            try { await DrainAsync().ConfigureAwait(false); } catch (Exception) { }
            throw;
        }
        RegisterOutputs(Root, outputs);
        await DrainAsync().ConfigureAwait(false);
    }, CancellationToken.None);

    /// <summary>Waits until every registration and output registration has finished; rethrows the first real failure.</summary>
    public async Task DrainAsync()
    {
        var failures = new List<Exception>();
        while (_pending.TryDequeue(out var task))
        {
            try { await task.ConfigureAwait(false); }
            catch (Exception e) { failures.Add(e); }
        }
        var real = failures.FirstOrDefault(f => f is not DependencyFailedException and not DeploymentStepException and not OperationCanceledException);
        if (real is not null) throw real;
        if (failures.Count > 0) throw new DeploymentStepException("one or more resources failed");
    }

    private static IDictionary<string, object?> StackOutputs(Stack stack) =>
        stack.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.GetCustomAttribute<OutputAttribute>() is not null)
            .ToDictionary(p => p.GetCustomAttribute<OutputAttribute>()!.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p => p.GetValue(stack));
}
