using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// One ALB listener served on a loopback port: each request goes through the listener's rules by priority and gets the
/// first matching rule's action: <c>forward</c> (a target group chosen by weight, then one of its targets from the
/// <see cref="TargetRegistry"/>), <c>fixed-response</c> or <c>redirect</c>. No target: 503; a target that fails: 502/504, as an ALB.
/// </summary>
internal sealed class ListenerFrontDoor : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TargetRegistry _targets;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private volatile ListenerRecord _listener;
    private FrontDoorTransformer _transformer;

    private ListenerFrontDoor(WebApplication app, ListenerRecord listener, TargetRegistry targets, IHttpForwarder forwarder, HttpMessageInvoker client)
    {
        _app = app;
        _listener = listener;
        _targets = targets;
        _forwarder = forwarder;
        _client = client;
        _transformer = new FrontDoorTransformer(listener.Protocol, listener.Port);
    }

    /// <summary>The loopback address and port the listener is served on.</summary>
    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>The listener's current settings and rules; replaced when the model changes.</summary>
    public ListenerRecord Listener
    {
        get => _listener;
        set
        {
            _transformer = new FrontDoorTransformer(value.Protocol, value.Port);
            _listener = value;
        }
    }

    public static async Task<ListenerFrontDoor> StartAsync(
        ListenerRecord listener, TargetRegistry targets, IHttpForwarder forwarder, HttpMessageInvoker client, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var door = new ListenerFrontDoor(app, listener, targets, forwarder, client);
        app.Run(door.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        door.EndPoint = new IPEndPoint(IPAddress.Loopback, address.Port);
        return door;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var listener = _listener;
        var rule = listener.Rules.FirstOrDefault(r => r.Matches(context));
        var action = rule?.Action ?? new RuleAction("fixed-response", [], new FixedResponse(404, null, null));
        switch (action.Type)
        {
            case "fixed-response" when action.Fixed is { } answer:
                context.Response.StatusCode = answer.StatusCode;
                if (answer.ContentType is not null)
                {
                    context.Response.ContentType = answer.ContentType;
                }

                if (answer.MessageBody is not null)
                {
                    await context.Response.WriteAsync(answer.MessageBody, context.RequestAborted).ConfigureAwait(false);
                }

                return;
            case "redirect" when action.Redirect is { } redirect:
                context.Response.StatusCode = redirect.StatusCode;
                context.Response.Headers.Location = RedirectLocation(redirect, context.Request, listener);
                return;
            case "forward":
                await ForwardAsync(context, action.TargetGroups).ConfigureAwait(false);
                return;
            default:
                await ErrorAsync(context, 503, "Service Temporarily Unavailable").ConfigureAwait(false);
                return;
        }
    }

    private async Task ForwardAsync(HttpContext context, IReadOnlyList<WeightedTargetGroup> groups)
    {
        var total = groups.Sum(g => g.Weight);
        if (total <= 0)
        {
            await ErrorAsync(context, 503, "Service Temporarily Unavailable").ConfigureAwait(false);
            return;
        }

        var pick = Random.Shared.Next(total);
        var group = groups.First(g => (pick -= g.Weight) < 0);
        if (_targets.Next(group.Arn) is not { } target)
        {
            await ErrorAsync(context, 503, "Service Temporarily Unavailable").ConfigureAwait(false);
            return;
        }

        var error = await _forwarder.SendAsync(context, $"http://{target}/", _client, ForwarderRequestConfig.Empty, _transformer).ConfigureAwait(false);
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            var timedOut = error == ForwarderError.RequestTimedOut;
            await ErrorAsync(context, timedOut ? 504 : 502, timedOut ? "Gateway Time-out" : "Bad Gateway").ConfigureAwait(false);
        }
    }

    /// <summary>AWS's redirect: each part is the configured one with <c>#{protocol}</c>, <c>#{host}</c>, <c>#{port}</c>, <c>#{path}</c>, <c>#{query}</c> filled in.</summary>
    private static string RedirectLocation(RedirectTarget redirect, HttpRequest request, ListenerRecord listener)
    {
        var protocol = listener.Protocol.ToLowerInvariant();
        var port = listener.Port.ToString(CultureInfo.InvariantCulture);
        var path = (request.Path.Value ?? "/").TrimStart('/');
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        string Fill(string? configured, string placeholder) => (configured ?? placeholder)
            .Replace("#{protocol}", protocol, StringComparison.Ordinal)
            .Replace("#{host}", request.Host.Host, StringComparison.Ordinal)
            .Replace("#{port}", port, StringComparison.Ordinal)
            .Replace("#{path}", path, StringComparison.Ordinal)
            .Replace("#{query}", query, StringComparison.Ordinal);

        var scheme = Fill(redirect.Protocol, "#{protocol}").ToLowerInvariant();
        var targetPort = Fill(redirect.Port, "#{port}");
        var defaultPort = scheme == "https" ? "443" : "80";
        var location = $"{scheme}://{Fill(redirect.Host, "#{host}")}{(targetPort == defaultPort ? string.Empty : ":" + targetPort)}{Fill(redirect.Path, "/#{path}")}";
        var targetQuery = Fill(redirect.Query, "#{query}");
        return targetQuery.Length > 0 ? location + "?" + targetQuery : location;
    }

    private static async Task ErrorAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(
            $"<html>\r\n<head><title>{status} {title}</title></head>\r\n<body>\r\n<center><h1>{status} {title}</h1></center>\r\n</body>\r\n</html>\r\n",
            context.RequestAborted).ConfigureAwait(false);
    }
}
