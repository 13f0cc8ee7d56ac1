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
        if (await moto.Ready.ConfigureAwait(false) is null)
        {
            await UnavailableAsync(context, moto.FailureReason ?? "moto_server is not available").ConfigureAwait(false);
            return;
        }

        var request = await MotoRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        using var response = await SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response is null)
        {
            await UnavailableAsync(context, moto.FailureReason ?? "moto_server is not available").ConfigureAwait(false);
            return;
        }

        await CopyResponseAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one request to moto, journaled when it may change moto's state, and returns moto's buffered answer; null when
    /// moto is not available. Used for callers' requests and for the local cloud's own (ECS task logs, for example).
    /// </summary>
    public async Task<HttpResponseMessage?> SendAsync(MotoRequest request, CancellationToken cancellationToken)
    {
        var baseUri = await moto.Ready.ConfigureAwait(false);
        if (baseUri is null || moto.Journal is not { } journal)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not cancelled by the caller from here on: moto's state and the journal must not part ways.
            if (journal.MustRecord(request))
            {
                request = request with { Seed = Random.Shared.NextInt64(1, long.MaxValue) };
                var response = await MotoServer.SendSeededAsync(_client, baseUri, request, CancellationToken.None).ConfigureAwait(false);
                journal.Append(request with { Status = (int)response.StatusCode });
                return response;
            }

            using var message = request.ToMessage(baseUri);
            var answer = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, CancellationToken.None).ConfigureAwait(false);
            if (request.PathAndQuery.StartsWith("/moto-api/reset", StringComparison.Ordinal) && answer.IsSuccessStatusCode)
            {
                journal.Clear();
            }

            return answer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes moto's answer (status, headers, body) as the answer to the caller's request.</summary>
    public static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
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
