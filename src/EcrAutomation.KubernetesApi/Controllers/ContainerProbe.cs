using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// One readiness or liveness probe of a container, as the kubelet runs it: <c>httpGet</c> (2xx/3xx succeeds), <c>tcpSocket</c>
/// (a connection succeeds) or <c>exec</c> (exit code 0), against the pod IP, every <c>periodSeconds</c> after
/// <c>initialDelaySeconds</c>, each attempt bounded by <c>timeoutSeconds</c>; <c>successThreshold</c>/<c>failureThreshold</c>
/// consecutive results flip it.
/// </summary>
internal sealed class ContainerProbe
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    private readonly JsonObject _probe;
    private readonly JsonObject _container;

    public ContainerProbe(JsonObject probe, JsonObject container)
    {
        _probe = probe;
        _container = container;
    }

    public TimeSpan InitialDelay => TimeSpan.FromSeconds(_probe["initialDelaySeconds"].Int(0));

    public TimeSpan Period => TimeSpan.FromSeconds(Math.Max(1, _probe["periodSeconds"].Int(10)));

    public TimeSpan Timeout => TimeSpan.FromSeconds(Math.Max(1, _probe["timeoutSeconds"].Int(1)));

    public int SuccessThreshold => Math.Max(1, _probe["successThreshold"].Int(1));

    public int FailureThreshold => Math.Max(1, _probe["failureThreshold"].Int(3));

    /// <summary>Runs the probe once; a failure says why, in the kubelet's words.</summary>
    public async Task<(bool Success, string Message)> RunAsync(IPAddress podIp, IPodContainer container, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (_probe["httpGet"] is JsonObject httpGet)
            {
                return await HttpGetAsync(httpGet, podIp, timeout.Token).ConfigureAwait(false);
            }

            if (_probe["tcpSocket"] is JsonObject tcp)
            {
                var port = Port(tcp["port"]);
                using var client = new TcpClient(AddressFamily.InterNetwork);
                await client.ConnectAsync(Host(tcp, podIp), port, timeout.Token).ConfigureAwait(false);
                return (true, string.Empty);
            }

            if (_probe["exec"]?["command"] is JsonArray command)
            {
                var result = await container.ExecAsync([.. command.Select(c => c.Text() ?? string.Empty)], Timeout, timeout.Token).ConfigureAwait(false);
                return result.ExitCode == 0 ? (true, string.Empty) : (false, result.Output.Trim());
            }

            // grpc and unknown handlers are not run: treat as passing rather than failing pods for a missing feature.
            return (true, string.Empty);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"context deadline exceeded (Client.Timeout exceeded while awaiting headers) after {Timeout.TotalSeconds:0}s");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return (false, ex.Message);
        }
    }

    private async Task<(bool, string)> HttpGetAsync(JsonObject httpGet, IPAddress podIp, CancellationToken cancellationToken)
    {
        var scheme = string.Equals(httpGet["scheme"].Text(), "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var path = httpGet["path"].Text() is { Length: > 0 } p ? (p.StartsWith('/') ? p : "/" + p) : "/";
        var host = Host(httpGet, podIp);
        var url = new Uri($"{scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{Port(httpGet["port"])}{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
        foreach (var header in (httpGet["httpHeaders"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (header["name"].Text() is { Length: > 0 } name)
            {
                request.Headers.TryAddWithoutValidation(name, header["value"].Text() ?? string.Empty);
            }
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        return code is >= 200 and < 400 ? (true, string.Empty) : (false, $"HTTP probe failed with statuscode: {code}");
    }

    private static string Host(JsonObject handler, IPAddress podIp) => handler["host"].Text() is { Length: > 0 } host ? host : podIp.ToString();

    /// <summary>A probe port: a number, or the name of one of the container's ports.</summary>
    private int Port(JsonNode? port)
    {
        if (port is JsonValue value && value.TryGetValue<int>(out var number))
        {
            return number;
        }

        var text = port.Text() ?? string.Empty;
        if (int.TryParse(text, out number))
        {
            return number;
        }

        return (_container["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p => p["name"].Text() == text)?["containerPort"].Int(0) is { } named and > 0
            ? named
            : throw new IOException($"the container has no port named \"{text}\"");
    }
}
