using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// A loopback HTTP proxy in front of an AWS endpoint that holds requests of one AWS action (by <c>X-Amz-Target</c>)
/// until the test releases them, so a test can act while a provider call is in flight.
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HoldingProxy(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Completes when the first held request arrives.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    public static async Task<HoldingProxy> StartAsync(Uri target, string heldAction)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new HoldingProxy(app);
        app.Run(context => proxy.ForwardAsync(context, target, heldAction));
        await app.StartAsync();
        proxy.Endpoint = new Uri(app.Urls.First());
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context, Uri target, string heldAction)
    {
        if (context.Request.Headers["X-Amz-Target"].ToString().EndsWith("." + heldAction, StringComparison.Ordinal))
        {
            _arrived.TrySetResult();
            await _released.Task;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, context.Request.Path + context.Request.QueryString))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var (name, values) in context.Request.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
        using var response = await _client.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Transfer-Encoding" or "Content-Length")) context.Response.Headers[name] = values.ToArray();
        await response.Content.CopyToAsync(context.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
