using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>What the proxy does instead of (or after) forwarding an AWS call.</summary>
public enum InjectedFault
{
    /// <summary>Not forwarded; answered 500 with the protocol's InternalFailure error.</summary>
    ServerError,

    /// <summary>Not forwarded; answered 400 with the protocol's throttling error.</summary>
    Throttling,

    /// <summary>Forwarded (so it takes effect), then answered 500 as if the response had been lost.</summary>
    LostResponse,
}

/// <summary>
/// A reverse proxy on 127.0.0.1 (Kestrel) in front of an AWS endpoint (the local cloud) that fails a share of the AWS API
/// calls going through it, chosen by a seeded random: server errors, throttling errors in the service's own wire format
/// (JSON for the awsJson services ECR, ECS and Logs and the restJson service EKS; XML for the query services IAM, ELBv2
/// and STS, and EC2's own XML) and lost responses. Faults can also be queued for a named operation. It counts what it
/// injected, so a test can assert that faults really happened, and records every operation it saw, so a test can assert
/// that a run wrote nothing. Requests that are not AWS API calls (the registry's <c>/v2/</c>) pass through.
/// </summary>
public sealed partial class FaultInjectingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<InjectedFault>> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Operation, InjectedFault Fault), int> _injected = new();
    private readonly ConcurrentQueue<string> _operations = new();
    private int _calls;

    private FaultInjectingProxy(WebApplication app, Uri target, double faultRate, int seed)
    {
        _app = app;
        _target = target;
        _random = new Random(seed);
        FaultRate = faultRate;
        _forward = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The proxy's base URL (use it as the AWS endpoint).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The share of AWS calls that fail (0 to 1); each fault kind is equally likely. Can be changed at any time.</summary>
    public double FaultRate { get; set; }

    /// <summary>AWS API calls seen.</summary>
    public int Calls => _calls;

    /// <summary>The AWS operations seen so far (e.g. <c>CreateRole</c>, <c>DescribeCluster</c>), in arrival order.</summary>
    public IReadOnlyList<string> Operations => [.. _operations];

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<InjectedFault, int> Injected =>
        _injected.GroupBy(kv => kv.Key.Fault).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    /// <summary>Faults injected so far into calls of <paramref name="operation"/> (e.g. <c>CreateRole</c>).</summary>
    public int InjectedInto(string operation, InjectedFault fault) => _injected.TryGetValue((operation, fault), out var n) ? n : 0;

    /// <summary>Makes the next call of <paramref name="operation"/> fail with <paramref name="fault"/> (queued faults come first, in order).</summary>
    public void Inject(string operation, InjectedFault fault) =>
        _queued.GetOrAdd(operation, _ => new ConcurrentQueue<InjectedFault>()).Enqueue(fault);

    /// <summary>Starts the proxy on a free loopback port in front of <paramref name="target"/>.</summary>
    public static async Task<FaultInjectingProxy> StartAsync(Uri target, double faultRate = 0, int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new FaultInjectingProxy(app, target, faultRate, seed);
        app.Run(proxy.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        var call = AwsCall.From(context.Request, body);
        var fault = call is null ? null : Choose(call.Operation);
        if (fault is InjectedFault.ServerError or InjectedFault.Throttling)
        {
            await WriteErrorAsync(context.Response, call!, fault.Value).ConfigureAwait(false);
            return;
        }

        using var forwarded = await ForwardAsync(context.Request, body, context.RequestAborted).ConfigureAwait(false);
        if (fault is InjectedFault.LostResponse)
        {
            await forwarded.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
            await WriteErrorAsync(context.Response, call!, InjectedFault.LostResponse).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = (int)forwarded.StatusCode;
        foreach (var header in forwarded.Headers.Concat(forwarded.Content.Headers))
        {
            if (header.Key is "Transfer-Encoding" or "Connection" or "Keep-Alive") continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        await forwarded.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private InjectedFault? Choose(string operation)
    {
        Interlocked.Increment(ref _calls);
        _operations.Enqueue(operation);
        InjectedFault? fault = null;
        if (_queued.TryGetValue(operation, out var queue) && queue.TryDequeue(out var queued)) fault = queued;
        else
        {
            lock (_random)
            {
                if (_random.NextDouble() < FaultRate) fault = (InjectedFault)_random.Next(3);
            }
        }

        if (fault is { } f) _injected.AddOrUpdate((operation, f), 1, (_, n) => n + 1);
        return fault;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path + request.QueryString));
        if (body.Length > 0 || request.ContentLength is not null) message.Content = new ByteArrayContent(body);
        foreach (var (name, values) in request.Headers)
        {
            if (name is "Host" or "Expect" or "Transfer-Encoding" or "Connection" or "Content-Length") continue;
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        // Keep the signed Host: the request's SigV4 signature covers it.
        message.Headers.Host = request.Host.Value;
        return await _forward.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpResponse response, AwsCall call, InjectedFault fault)
    {
        var throttled = fault == InjectedFault.Throttling;
        var requestId = Guid.NewGuid().ToString();
        response.StatusCode = throttled ? 400 : 500;
        response.Headers["x-amzn-RequestId"] = requestId;
        string text;
        switch (call.Protocol)
        {
            case AwsProtocol.Json:
                response.ContentType = "application/x-amz-json-1.1";
                text = $"{{\"__type\":\"{(throttled ? "ThrottlingException" : "InternalFailure")}\",\"message\":\"{(throttled ? "Rate exceeded" : "An internal error occurred (injected)")}\"}}";
                break;
            case AwsProtocol.RestJson:
                response.ContentType = "application/json";
                response.Headers["x-amzn-ErrorType"] = throttled ? "ThrottlingException" : "ServerException";
                text = $"{{\"message\":\"{(throttled ? "Rate exceeded" : "An internal error occurred (injected)")}\"}}";
                break;
            case AwsProtocol.Ec2:
                response.ContentType = "text/xml";
                text = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{(throttled ? "RequestLimitExceeded" : "InternalError")}</Code>" +
                       $"<Message>{(throttled ? "Request limit exceeded." : "An internal error has occurred (injected)")}</Message></Error></Errors><RequestID>{requestId}</RequestID></Response>";
                break;
            default:
                response.ContentType = "text/xml";
                text = $"<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>{(throttled ? "Sender" : "Receiver")}</Type>" +
                       $"<Code>{(throttled ? "Throttling" : "InternalFailure")}</Code><Message>{(throttled ? "Rate exceeded" : "An internal error occurred (injected)")}</Message></Error>" +
                       $"<RequestId>{requestId}</RequestId></ErrorResponse>";
                break;
        }

        return response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _forward.Dispose();
    }

    private enum AwsProtocol { Json, Query, Ec2, RestJson }

    /// <summary>An AWS API call: its wire protocol and operation name.</summary>
    private sealed partial record AwsCall(AwsProtocol Protocol, string Operation)
    {
        public static AwsCall? From(HttpRequest request, byte[] body)
        {
            if (request.Headers["X-Amz-Target"].FirstOrDefault() is { } target)
                return new AwsCall(AwsProtocol.Json, target[(target.LastIndexOf('.') + 1)..]);
            var service = ServicePattern().Match(request.Headers.Authorization.FirstOrDefault() ?? "");
            if (service.Success && service.Groups[1].Value == "eks")
                return EksOperation(request.Method, request.Path.Value ?? "/") is { } eks ? new AwsCall(AwsProtocol.RestJson, eks) : null;
            if (request.Method != "POST" || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true) return null;
            var action = ActionPattern().Match(Encoding.UTF8.GetString(body));
            if (!action.Success) return null;
            return new AwsCall(service.Success && service.Groups[1].Value == "ec2" ? AwsProtocol.Ec2 : AwsProtocol.Query, Uri.UnescapeDataString(action.Groups[1].Value));
        }

        /// <summary>The EKS operation of a restJson request, from its method and path (<c>/clusters/{name}/node-groups</c>, ...).</summary>
        private static string? EksOperation(string method, string path)
        {
            var segments = path.Trim('/').Split('/');
            return (method, segments) switch
            {
                ("POST", ["clusters"]) => "CreateCluster",
                ("GET", ["clusters"]) => "ListClusters",
                ("GET", ["clusters", _]) => "DescribeCluster",
                ("DELETE", ["clusters", _]) => "DeleteCluster",
                ("POST", ["clusters", _, "updates"]) => "UpdateClusterVersion",
                ("POST", ["clusters", _, "update-config"]) => "UpdateClusterConfig",
                ("GET", ["clusters", _, "updates", _]) => "DescribeUpdate",
                ("POST", ["clusters", _, "node-groups"]) => "CreateNodegroup",
                ("GET", ["clusters", _, "node-groups"]) => "ListNodegroups",
                ("GET", ["clusters", _, "node-groups", _]) => "DescribeNodegroup",
                ("DELETE", ["clusters", _, "node-groups", _]) => "DeleteNodegroup",
                ("POST", ["clusters", _, "node-groups", _, "update-config"]) => "UpdateNodegroupConfig",
                ("POST", ["clusters", _, "node-groups", _, "update-version"]) => "UpdateNodegroupVersion",
                ("POST", ["clusters", _, "addons"]) => "CreateAddon",
                ("GET", ["clusters", _, "addons"]) => "ListAddons",
                ("GET", ["clusters", _, "addons", _]) => "DescribeAddon",
                ("DELETE", ["clusters", _, "addons", _]) => "DeleteAddon",
                ("POST", ["clusters", _, "addons", _, "update"]) => "UpdateAddon",
                ("GET", ["addons", "supported-versions"]) => "DescribeAddonVersions",
                ("POST", ["tags", _]) => "TagResource",
                ("DELETE", ["tags", _]) => "UntagResource",
                ("GET", ["tags", _]) => "ListTagsForResource",
                _ => null,
            };
        }

        [GeneratedRegex("(?:^|&)Action=([^&]+)")]
        private static partial Regex ActionPattern();

        /// <summary>The service in the SigV4 credential scope: <c>Credential=AKID/date/region/service/aws4_request</c>.</summary>
        [GeneratedRegex(@"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")]
        private static partial Regex ServicePattern();
    }
}
