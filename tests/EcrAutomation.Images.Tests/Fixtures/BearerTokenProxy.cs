using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Images.Tests.Fixtures;

/// <summary>
/// A token-auth front for an open docker-registry on 127.0.0.1: requests without a valid Bearer token get a
/// <c>WWW-Authenticate: Bearer realm=…</c> challenge, <c>/token</c> issues tokens for Basic credentials,
/// and authorised requests are forwarded to the registry.
/// </summary>
internal sealed class BearerTokenProxy : IDisposable
{
    private const string Token = "test-token-0123456789";
    private readonly HttpListener _listener = new();
    private readonly HttpClient _backend = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly string _backendHost;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BearerTokenProxy(string backendHost)
    {
        _backendHost = backendHost;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public ConcurrentQueue<string> TokenScopes { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _backend.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var authorization = request.Headers["Authorization"];
            if (request.Url!.AbsolutePath == "/token")
            {
                var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}"));
                if (authorization != expected)
                {
                    response.StatusCode = 401;
                    return;
                }

                TokenScopes.Enqueue(string.Join(' ', request.QueryString.GetValues("scope") ?? []));
                var body = Encoding.UTF8.GetBytes($"{{\"token\":\"{Token}\",\"expires_in\":300}}");
                response.ContentType = "application/json";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
                return;
            }

            if (authorization != "Bearer " + Token)
            {
                response.StatusCode = 401;
                response.Headers["WWW-Authenticate"] = $"Bearer realm=\"http://{Host}/token\",service=\"test-registry\"";
                response.ContentType = "application/json";
                var body = """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""u8.ToArray();
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
                return;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), $"http://{_backendHost}{request.Url.PathAndQuery}");
            if (request.HasEntityBody || request.ContentLength64 > 0)
            {
                using var buffer = new MemoryStream();
                await request.InputStream.CopyToAsync(buffer);
                forward.Content = new ByteArrayContent(buffer.ToArray());
                foreach (var name in new[] { "Content-Type", "Content-Range" })
                {
                    if (request.Headers[name] is { } value)
                    {
                        forward.Content.Headers.TryAddWithoutValidation(name, value);
                    }
                }
            }

            if (request.Headers["Accept"] is { } accept)
            {
                forward.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var answer = await _backend.SendAsync(forward);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers))
            {
                if (header.Key is "Content-Length" or "Transfer-Encoding" or "Connection" or "Date")
                {
                    continue;
                }

                var value = string.Join(",", header.Value);
                if (header.Key == "Location")
                {
                    value = value.Replace(_backendHost, Host, StringComparison.Ordinal);
                }

                response.Headers[header.Key] = value;
            }

            var content = await answer.Content.ReadAsByteArrayAsync();
            if (request.HttpMethod == "HEAD")
            {
                response.ContentLength64 = answer.Content.Headers.ContentLength ?? 0;
                return;
            }

            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }
        catch (Exception)
        {
            response.StatusCode = 500;
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception)
            {
            }
        }
    }
}
