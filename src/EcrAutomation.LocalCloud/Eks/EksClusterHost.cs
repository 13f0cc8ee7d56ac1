using System.Net;
using System.Security.Cryptography.X509Certificates;
using EcrAutomation.KubernetesApi;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// One running cluster: its Kubernetes API server (HTTPS on loopback with a certificate from the cluster's CA, accepting
/// <c>aws eks get-token</c> tokens) and the controllers on its store. The server keeps the port it had when it is free.
/// When the local cloud runs containers, pods run on its container host and LoadBalancer Services get front doors;
/// disposing stops both with the cluster.
/// </summary>
internal sealed class EksClusterHost : IAsyncDisposable
{
    private readonly KubernetesApiServer _server;
    private readonly ClusterControllers _controllers;
    private readonly X509Certificate2 _certificate;
    private readonly ServiceFrontDoors? _frontDoors;

    private EksClusterHost(KubernetesApiServer server, ClusterControllers controllers, X509Certificate2 certificate, ServiceFrontDoors? frontDoors)
    {
        _server = server;
        _controllers = controllers;
        _certificate = certificate;
        _frontDoors = frontDoors;
    }

    public int Port => _server.Endpoint.Port;

    /// <param name="settings">The cluster's version, folder, preferred port and CA.</param>
    /// <param name="images">Resolves pod images in the local registry.</param>
    /// <param name="containers">The local cloud's container host, or null when containers cannot run (pods are recorded, not run).</param>
    /// <param name="frontDoors">Where LoadBalancer Services' host names are registered.</param>
    /// <param name="region">The region in load balancer host names and node names.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Receives the controllers' problems.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EksClusterHost> StartAsync(
        EksClusterHostSettings settings, EksImageResolver images, ContainerHost? containers, FrontDoors frontDoors, string region, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var certificate = settings.Authority.IssueServingCertificate();
        KubernetesApiServerOptions Options(int port) => new()
        {
            DataDirectory = Path.Combine(settings.Directory, "kube"),
            ServerCertificate = certificate,
            ListenEndpoint = new IPEndPoint(IPAddress.Loopback, port),
            KubernetesVersion = settings.Version,
            TimeProvider = time,
            AuthenticateAsync = (token, _) => ValueTask.FromResult(EksTokenValidator.Validate(token, time.GetUtcNow()).IsAccepted),
        };

        KubernetesApiServer server;
        try
        {
            server = await StartServerAsync(Options(settings.PreferredPort), settings.PreferredPort != 0, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        var serviceFrontDoors = containers is null ? null : new ServiceFrontDoors(frontDoors, logger);
        var controllers = ClusterControllers.Start(server.Store, new ClusterControllerOptions
        {
            PodRuntime = containers is null ? null : new ContainerPodRuntime(containers),
            ServiceLoadBalancers = serviceFrontDoors,
            ResolveImageAsync = images.ResolveAsync,
            Region = region,
            KubeletVersion = EksCatalog.GitVersion(settings.Version),
            TimeProvider = time,
            Logger = logger,
        });
        return new EksClusterHost(server, controllers, certificate, serviceFrontDoors);
    }

    private static async Task<KubernetesApiServer> StartServerAsync(KubernetesApiServerOptions options, bool portMayBeTaken, CancellationToken cancellationToken)
    {
        try
        {
            return await KubernetesApiServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Connections.AddressInUseException) when (portMayBeTaken)
        {
            // The old port is taken now: the cluster comes back on a new one (describe-cluster shows it).
            return await KubernetesApiServer.StartAsync(options with { ListenEndpoint = new IPEndPoint(IPAddress.Loopback, 0) }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes the cluster's nodes match its node groups (instance type capacity, labels, taints).</summary>
    public Task SyncNodesAsync(IReadOnlyList<EksNodegroupRecord> nodegroups, CancellationToken cancellationToken)
        => _controllers.SyncNodesAsync([.. nodegroups.Select(ToPool)], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _controllers.DisposeAsync().ConfigureAwait(false);
        if (_frontDoors is not null)
        {
            await _frontDoors.DisposeAsync().ConfigureAwait(false);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
    }

    private static NodePool ToPool(EksNodegroupRecord nodegroup)
    {
        var capacity = EksCatalog.InstanceTypes[nodegroup.InstanceTypes[0]];
        return new NodePool
        {
            Name = nodegroup.NodegroupName,
            Count = nodegroup.ScalingConfig.DesiredSize,
            InstanceType = nodegroup.InstanceTypes[0],
            Cpu = capacity.Cpu,
            MemoryMiB = capacity.MemoryMiB,
            MaxPods = capacity.MaxPods,
            Architecture = capacity.Architecture,
            CapacityType = nodegroup.CapacityType,
            Labels = nodegroup.Labels,
            Taints = [.. nodegroup.Taints.Select(t => new NodeTaint(t.Key, t.Value, t.Effect switch
            {
                "NO_EXECUTE" => "NoExecute",
                "PREFER_NO_SCHEDULE" => "PreferNoSchedule",
                _ => "NoSchedule",
            }))],
        };
    }
}
