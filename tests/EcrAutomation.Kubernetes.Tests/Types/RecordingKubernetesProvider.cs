using System.Collections.Concurrent;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>
/// A provider for the generated kinds that keeps no cluster: it records the inputs and config each create receives and
/// answers with the inputs plus the live fields a test gives (<see cref="LiveFields"/>), as an API server would return them.
/// </summary>
internal sealed class RecordingKubernetesProvider : IResourceProvider
{
    public ConcurrentDictionary<string, CreateRequest> Creates { get; } = new();

    /// <summary>Fields the "server" adds to the object of a resource, by logical name (e.g. a Service's status).</summary>
    public ConcurrentDictionary<string, PropertyMap> LiveFields { get; } = new();

    public static ProviderRegistry Registry(RecordingKubernetesProvider provider) =>
        new ProviderRegistry().Add(provider, [.. KubernetesKinds.All.Select(k => k.Token)]);

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(CheckResponse.Ok(request.NewInputs));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(DiffResponse.None);

    public Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        Creates[request.Name] = request;
        var outputs = request.Inputs;
        foreach (var (key, value) in LiveFields.GetValueOrDefault(request.Name) ?? PropertyMap.Empty) outputs = outputs.Set(key, value);
        return Task.FromResult(new CreateResponse($"default/{request.Name}", outputs));
    }

    public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReadResponse?>(null);

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The recording provider only creates.");

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
