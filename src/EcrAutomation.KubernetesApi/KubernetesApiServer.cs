using EcrAutomation.KubernetesApi.Http;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.KubernetesApi;

/// <summary>
/// One cluster's Kubernetes API server: an HTTPS endpoint on loopback serving the Kubernetes REST API over the cluster's
/// <see cref="ObjectStore"/>, for kubectl, KubernetesClient and other unmodified clients. The host (the local cloud's EKS)
/// starts one per cluster and runs its controllers in-process against <see cref="Store"/>.
/// </summary>
public sealed class KubernetesApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubernetesApiServer(WebApplication app, ObjectStore store, Uri endpoint)
    {
        _app = app;
        Store = store;
        Endpoint = endpoint;
    }

    /// <summary>The cluster's objects; controllers read, write and watch them here (the API serves the same store).</summary>
    public ObjectStore Store { get; }

    /// <summary>The server's URL, <c>https://127.0.0.1:&lt;port&gt;</c>: the cluster endpoint a kubeconfig names.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Opens the cluster's store (creating the default namespaces on first use) and starts serving the API.
    /// </summary>
    /// <exception cref="IOException">The data directory is in use by another server, or the port is taken.</exception>
    public static async Task<KubernetesApiServer> StartAsync(KubernetesApiServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = ObjectStore.Open(options.DataDirectory, options.TimeProvider);
        try
        {
            await ClusterBootstrap.EnsureAsync(store, cancellationToken).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = 3 * 1024 * 1024;
                // kubectl and client-go multiplex every request and watch of a process over one HTTP/2 connection.
                kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
                kestrel.Listen(options.ListenEndpoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(options.ServerCertificate);
                });
            });
            var app = builder.Build();
            var api = new ApiRequestHandler(store, options, app.Lifetime.ApplicationStopping);
            app.Run(api.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new KubernetesApiServer(app, store, new Uri($"https://127.0.0.1:{address.Port}"));
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops serving (open watches end) and closes the store; every acknowledged write is already on disk.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
    }
}
