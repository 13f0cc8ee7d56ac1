using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>
/// A stand-in for a task behind a load balancer: a Kestrel server on its own loopback address (127.0.0.2, ...) that
/// answers every request with its <see cref="Name"/> and the request's path, and <c>/health</c> with <see cref="HealthStatus"/>.
/// </summary>
public sealed class TargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TargetServer(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>What <c>/health</c> answers; 0 makes it hang (a health check timeout).</summary>
    public int HealthStatus { get; set; } = 200;

    /// <summary>How many requests other than health checks reached this target.</summary>
    public int Served => _served;

    /// <summary>How many health checks reached this target.</summary>
    public int HealthChecks => _healthChecks;

    private int _served;
    private int _healthChecks;

    public static async Task<TargetServer> StartAsync(string name, string address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), 0));
        var app = builder.Build();
        var server = new TargetServer(app, name);
        app.Run(async context =>
        {
            if (context.Request.Path == "/health")
            {
                Interlocked.Increment(ref server._healthChecks);
                if (server.HealthStatus == 0)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }

                context.Response.StatusCode = server.HealthStatus;
                return;
            }

            Interlocked.Increment(ref server._served);
            context.Response.Headers["X-Target"] = name;
            await context.Response.WriteAsync($"{name} {context.Request.Path}{context.Request.QueryString} host={context.Request.Host}");
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.EndPoint = new IPEndPoint(IPAddress.Parse(bound.Host), bound.Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
