using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>
/// Reverse proxy for every non-ECR request to the moto child process. Requests reach moto one at a time: a journaled
/// request must be served right after moto's random generator is seeded for it (see <see cref="MotoJournal"/>), with
/// no other request drawing from the generator in between.
/// </summary>
internal sealed class MotoProxy(MotoServer moto) : IDisposable
{
    private static readonly HashSet<string> NotReturned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly HttpClient _client = MotoServer.CreateClient();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task ForwardAsync(HttpContext context)
    {
        var request = await MotoRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        using var response = await SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>Sends a buffered request to moto (journaled when it may change state); null when moto is unavailable.
    /// The answer's content is buffered, so callers may read it before passing it on with <see cref="WriteAsync"/>.</summary>
    public async Task<HttpResponseMessage?> SendAsync(MotoRequest request, CancellationToken cancellationToken)
    {
        var baseUri = await moto.Ready.ConfigureAwait(false);
        if (baseUri is null || moto.Journal is not { } journal)
        {
            return null;
        }

        HttpResponseMessage response;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not cancelled by the caller from here on: moto's state and the journal must not part ways.
            if (journal.MustRecord(request))
            {
                request = request with { Seed = Random.Shared.NextInt64(1, long.MaxValue) };
                response = await MotoServer.SendSeededAsync(_client, baseUri, request, CancellationToken.None).ConfigureAwait(false);
                journal.Append(request with { Status = (int)response.StatusCode });
            }
            else
            {
                using var message = request.ToMessage(baseUri);
                response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, CancellationToken.None).ConfigureAwait(false);
                if (request.PathAndQuery.StartsWith("/moto-api/reset", StringComparison.Ordinal) && response.IsSuccessStatusCode)
                {
                    journal.Clear();
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        return response;
    }

    /// <summary>Writes moto's answer (or, when it is null, moto's unavailability) as the response to the caller.</summary>
    public async Task WriteAsync(HttpContext context, HttpResponseMessage? response)
    {
        if (response is null)
        {
            await UnavailableAsync(context, moto.FailureReason ?? "moto_server is not available").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotReturned.Contains(header.Key))
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

    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }
}
