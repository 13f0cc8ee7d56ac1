using System.Collections.Concurrent;
using EcrAutomation.Providers;
using EcrAutomation.Testing;

namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// The file-backed <see cref="FileCloudProvider"/> with a log of what the engine asked of it: the requests (to see what
/// options reached the provider) and the order creates started and ended in.
/// </summary>
public sealed class BuiltinRecordingProvider(FileCloudProvider inner) : IResourceProvider
{
    public ConcurrentQueue<ProviderRequest> Requests { get; } = new();
    public ConcurrentQueue<string> Steps { get; } = new();

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) => inner.CheckAsync(request, cancellationToken);

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) => inner.DiffAsync(request, cancellationToken);

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        Steps.Enqueue("start " + request.Name);
        var response = await inner.CreateAsync(request, cancellationToken);
        Steps.Enqueue("end " + request.Name);
        return response;
    }

    public Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        return inner.ReadAsync(request, cancellationToken);
    }

    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        return inner.UpdateAsync(request, cancellationToken);
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Enqueue(request);
        Steps.Enqueue("delete " + request.Name);
        return inner.DeleteAsync(request, cancellationToken);
    }

    public Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        inner.FindInterruptedCreateAsync(request, cancellationToken);
}
