using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Workloads;

/// <summary>
/// A network namespace with its own address, reached from the host through a veth pair: the network of one ECS task or one
/// Kubernetes pod. Its containers share it, so they reach each other on 127.0.0.1. Disposing it stops its containers and
/// removes the namespace and veth.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private readonly ContainerHost _host;
    private readonly ConcurrentDictionary<string, RunningContainer> _containers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _disposed;

    internal Sandbox(ContainerHost host, SandboxRecord record, string name, string hostname, IPAddress address, IPAddress gateway)
    {
        _host = host;
        Record = record;
        Name = name;
        Hostname = hostname;
        Address = address;
        Gateway = gateway;
    }

    /// <summary>The name given to <see cref="ContainerHost.CreateSandboxAsync"/>.</summary>
    public string Name { get; }

    /// <summary>The sandbox's address: what the host (health checks, load balancers) connects to.</summary>
    public IPAddress Address { get; }

    /// <summary>The host's end of the veth: the sandbox's default gateway, the address under which containers reach the host.</summary>
    public IPAddress Gateway { get; }

    /// <summary>The host name its containers see (the sandbox's name, made a valid DNS label).</summary>
    public string Hostname { get; }

    /// <summary>The containers started in this sandbox that have not exited yet.</summary>
    public IReadOnlyCollection<RunningContainer> Containers => [.. _containers.Values];

    internal SandboxRecord Record { get; }

    /// <summary>
    /// Starts a container in this sandbox and returns once its process runs; its exit is observed through
    /// <see cref="RunningContainer.Exited"/>. The image is unpacked on first use and cached by digest.
    /// </summary>
    /// <param name="spec">The image and process settings.</param>
    /// <param name="cancellationToken">Cancels the start (pulling and unpacking the image included).</param>
    /// <exception cref="ContainerStartException">The image is missing or invalid, or the process could not start.</exception>
    /// <exception cref="ObjectDisposedException">The sandbox was disposed.</exception>
    public async Task<RunningContainer> StartContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var image = await _host.Images.GetAsync(spec.Repository, spec.Digest, cancellationToken).ConfigureAwait(false);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var process = RuntimeProcess.Resolve(spec, image.Config, Hostname, image.RootFs);
            var id = _host.NewContainerId(Record.Slot, spec.Name);
            var directory = _host.ContainerDirectory(id);
            Directory.CreateDirectory(directory);
            try
            {
                await _host.CreateRootFsAsync(image.RootFs, directory, cancellationToken).ConfigureAwait(false);
                var config = RuntimeSpec.Create(process, Hostname, Record.NamespacePath, Record.HostsFile, RunningContainer.CgroupsPathOf(id), _host.LimitsFor(spec));
                await File.WriteAllTextAsync(Path.Combine(directory, "config.json"), config.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await WritableRootFs.RemoveAsync(directory).ConfigureAwait(false);
                throw;
            }

            var container = await RunningContainer.StartAsync(_host, id, spec, Address, directory, image.Config?.StopSignal, cancellationToken).ConfigureAwait(false);
            _containers[id] = container;
            _ = container.Exited.ContinueWith(_ => _containers.TryRemove(id, out RunningContainer? _), TaskScheduler.Default);
            _host.Logger.LogInformation("Started container {Container} ({Image}) in sandbox {Sandbox} at {Address}", id, $"{spec.Repository}@{spec.Digest}", Name, Address);
            return container;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops the sandbox's containers (SIGTERM, <see cref="ContainerHost.StopGrace"/>, SIGKILL), then removes the namespace
    /// and veth and frees the address. Disposing twice does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await Task.WhenAll(_containers.Values.Select(c => c.StopAsync(ContainerHost.StopGrace))).ConfigureAwait(false);
            await _host.RemoveSandboxAsync(this).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    internal static SandboxRecord ReadRecord(string path) => JsonSerializer.Deserialize<SandboxRecord>(File.ReadAllBytes(path))
        ?? throw new InvalidDataException($"{path} is empty");
}
