using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Elb;
using EcrAutomation.LocalCloud.Moto;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace EcrAutomation.LocalCloud;

/// <summary>The local cloud's load balancers and front doors: the ELBv2 route, <c>Host</c>-header routing and the front door listing.</summary>
public sealed partial class LocalCloudServer
{
    private readonly HttpMessageInvoker _frontDoorClient = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        ActivityHeadersPropagator = null,
    });

    private LoadBalancers _loadBalancers = null!;

    private ElbApi CreateElbApi(MotoProxy proxy, ILogger logger)
    {
        var elbLogger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EcrAutomation.LocalCloud.Elb");
        _loadBalancers = new LoadBalancers(Targets, FrontDoors, _app.Services.GetRequiredService<IHttpForwarder>(), elbLogger);
        var elb = new ElbApi(proxy, _loadBalancers, Targets, elbLogger);
        var stopping = _app.Lifetime.ApplicationStopping;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    if (await _moto.Ready.ConfigureAwait(false) is not null && _moto.Journal is { } journal)
                    {
                        await elb.RestoreAsync(journal.Read(), stopping).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    logger.LogError(ex, "The load balancers could not be restored from moto");
                }
                catch (OperationCanceledException)
                {
                }
            },
            CancellationToken.None);
        return elb;
    }

    /// <summary>Forwards a request whose <c>Host</c> is a front door's name (an ALB's DNS name...) to that front door.</summary>
    private async Task<bool> TryServeFrontDoorAsync(HttpContext context)
    {
        if (!context.Request.Host.HasValue || !FrontDoors.TryResolve(context.Request.Host.Value, out var door))
        {
            return false;
        }

        var forwarder = context.RequestServices.GetRequiredService<IHttpForwarder>();
        var error = await forwarder.SendAsync(context, door.Url.ToString(), _frontDoorClient, ForwarderRequestConfig.Empty, FrontDoorTransformer.PreserveHost).ConfigureAwait(false);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            context.Response.StatusCode = 502;
        }

        return true;
    }

    /// <summary><c>GET /_localcloud/frontdoors</c>: every front door's host name, kind and loopback URL.</summary>
    private async Task WriteFrontDoorsAsync(HttpContext context)
    {
        var doors = new JsonArray([.. FrontDoors.All.Select(d => (JsonNode)new JsonObject
        {
            ["hostName"] = d.HostName,
            ["kind"] = d.Kind,
            ["url"] = d.Url.ToString(),
        })]);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["frontDoors"] = doors }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task StopLoadBalancersAsync()
    {
        await _loadBalancers.DisposeAsync().ConfigureAwait(false);
        await Targets.DisposeAsync().ConfigureAwait(false);
        _frontDoorClient.Dispose();
    }
}
