using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>Reverse proxy for every non-ECR request to the moto child process.</summary>
internal sealed class MotoProxy(MotoServer moto) : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async Task ForwardAsync(HttpContext context)
    {
        var baseUri = await moto.Ready.ConfigureAwait(false);
        if (baseUri is null)
        {
            await UnavailableAsync(context, moto.FailureReason ?? "moto_server is not available").ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseUri, request.Path.ToUriComponent() + request.QueryString.ToUriComponent()));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
            }
        }

        message.Headers.Host = request.Host.Value;
        using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Answers in the caller's protocol: query/ec2 callers get XML, everyone else JSON. 501 so clients do not retry.</summary>
    private static async Task UnavailableAsync(HttpContext context, string reason)
    {
        var response = context.Response;
        response.StatusCode = 501;
        response.Headers["X-Amzn-ErrorType"] = "NotImplemented";
        if (context.Request.HasFormContentType)
        {
            response.ContentType = "text/xml";
            var xml = new System.Xml.Linq.XElement(
                "ErrorResponse",
                new System.Xml.Linq.XElement(
                    "Error",
                    new System.Xml.Linq.XElement("Type", "Receiver"),
                    new System.Xml.Linq.XElement("Code", "NotImplemented"),
                    new System.Xml.Linq.XElement("Message", reason)),
                new System.Xml.Linq.XElement("RequestId", Guid.NewGuid().ToString()));
            await response.WriteAsync(xml.ToString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/x-amz-json-1.1";
        await response.WriteAsync(new JsonObject { ["__type"] = "NotImplemented", ["message"] = reason }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
