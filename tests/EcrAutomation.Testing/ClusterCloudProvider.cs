using EcrAutomation.Providers;

namespace EcrAutomation.Testing;

/// <summary>
/// A provider of <see cref="FileCloudProvider.ThingType"/> things whose cloud has clusters: each call goes to the folder of
/// the cluster its provider's <c>test:cluster</c> config names (<c>&lt;cloud&gt;/&lt;cluster&gt;</c>), like a Kubernetes
/// provider talking to the API server its kubeconfig names. A call without a cluster fails, so a test sees which cluster
/// every create and delete reached.
/// </summary>
public sealed class ClusterCloudProvider(string cloudDirectory) : IResourceProvider
{
    public const string Package = "test";
    public const string ClusterKey = "cluster";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileCloudProvider> _clusters = new(StringComparer.Ordinal);

    public string CloudDirectory { get; } = Directory.CreateDirectory(cloudDirectory).FullName;
    /// <summary>Called after each create (in any cluster) with the number of creates so far.</summary>
    public Action<int>? AfterCreate { get; set; }
    private int _creates;

    /// <summary>The registry with this provider for things and the rule that a change of cluster replaces the provider.</summary>
    public ProviderRegistry Registry() => new ProviderRegistry()
        .Add(this, FileCloudProvider.ThingType)
        .AddReplacementRule(Package, RequiresReplacement);

    /// <summary>The cluster changed, or is not known yet (preview).</summary>
    public static bool RequiresReplacement(PropertyMap oldInputs, PropertyMap newInputs) =>
        !newInputs.TryGetValue(ClusterKey, out var cluster) || cluster.ContainsUnknowns()
        || !oldInputs.TryGetValue(ClusterKey, out var old) || !old.Equals(cluster);

    /// <summary>Physical names of the things in a cluster.</summary>
    public IReadOnlyList<string> Existing(string cluster) => Cluster(cluster).Existing();

    private FileCloudProvider Cluster(string cluster) => _clusters.GetOrAdd(cluster, c => new FileCloudProvider(Path.Combine(CloudDirectory, c))
    {
        AfterCreate = _ => AfterCreate?.Invoke(Interlocked.Increment(ref _creates)),
    });

    private FileCloudProvider ClusterOf(ProviderRequest request) =>
        request.Config.TryGetValue($"{Package}:{ClusterKey}", out var cluster) ? Cluster(cluster)
            : throw new ResourceProviderException($"no cluster is configured for '{request.Name}'");

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(CheckResponse.Ok(AutoNaming.Apply(request)));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "replaceKey"], request.IgnoreChanges));

    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default) => ClusterOf(request).CreateAsync(request, cancellationToken);
    public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default) => ClusterOf(request).ReadAsync(request, cancellationToken);
    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) => ClusterOf(request).UpdateAsync(request, cancellationToken);
    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default) => ClusterOf(request).DeleteAsync(request, cancellationToken);
    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) => ClusterOf(request).FindInterruptedCreateAsync(request, cancellationToken);
}

public sealed class ClusterProviderArgs : ResourceArgs
{
    [Input("cluster")] public Input<string>? Cluster { get; set; }
    [Input("namespace")] public Input<string>? Namespace { get; set; }
}

/// <summary>An explicit provider of the <see cref="ClusterCloudProvider"/>'s package, naming a cluster.</summary>
public sealed class ClusterProvider(string name, ClusterProviderArgs args, CustomResourceOptions? options = null)
    : ProviderResource(ClusterCloudProvider.Package, name, args, options);
