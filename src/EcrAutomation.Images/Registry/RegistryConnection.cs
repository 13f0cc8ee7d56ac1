using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EcrAutomation.Images.Oci;
using Polly;
using Polly.Retry;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// The HTTP side of one registry shared by the blob, manifest and upload operations: base address, authenticated sends,
/// retries of transient failures, error mapping and the distribution-spec paths.
/// </summary>
internal sealed partial class RegistryConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly RegistryAuthenticator _auth;

    public RegistryConnection(RegistryClientOptions options, HttpMessageHandler? handler)
    {
        Registry = options.Registry;
        var https = options.UseHttps ?? !IsLoopback(Registry);
        BaseUri = new Uri($"{(https ? "https" : "http")}://{Registry}/");
        IsAmazonEcr = EcrHostPattern().IsMatch(HostOf(Registry));
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(options.MaxParallelUploads * 2, 8),
        })
        {
            Timeout = options.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EcrAutomation", "1.0"));
        _retry = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 0) is 0 ? 1 : options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            })
            .Build();
        _auth = new RegistryAuthenticator(_http, BaseUri, Registry, options.Credentials);
    }

    public string Registry { get; }

    public Uri BaseUri { get; }

    public bool IsAmazonEcr { get; }

    public Task ExecuteAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).AsTask();

    public Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <summary>Sends with auth; on 401 answers the challenge once and resends a fresh request from the factory.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        string? repository,
        Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        string? mountScope = null)
    {
        var scope = RegistryAuthenticator.ScopeFor(repository, mountScope);
        await _auth.PrepareAsync(scope, cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(createRequest, scope, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        await _auth.AnswerChallengeAsync(challenge, scope, cancellationToken).ConfigureAwait(false);
        response = await SendOnceAsync(createRequest, scope, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var error = await RegistryErrors.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new RegistryAuthenticationException(
                $"The registry {Registry} refused the {_auth.Who} (401 {error.Code}: {error.Message}).",
                HttpStatusCode.Unauthorized,
                error.Code);
        }

        return response;
    }

    public Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken) =>
        RegistryErrors.EnsureSuccessAsync(response, Registry, operation, cancellationToken);

    public Uri? LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        return location is null ? null : location.IsAbsoluteUri ? location : new Uri(BaseUri, location);
    }

    public bool IsSameRegistry(string? other) => other is not null && string.Equals(other, Registry, StringComparison.OrdinalIgnoreCase);

    public static string ValidateRepository(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        return RepositoryPattern().IsMatch(repository)
            ? repository
            : throw new ArgumentException($"'{repository}' is not a valid repository name.", nameof(repository));
    }

    public static string BlobPath(string repository, Digest digest) => $"v2/{ValidateRepository(repository)}/blobs/{digest}";

    public static string ManifestPath(string repository, string reference) => $"v2/{ValidateRepository(repository)}/manifests/{reference}";

    public static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;

    public static bool IsLoopback(string registry)
    {
        var host = HostOf(registry);
        return host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, string scope, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(BaseUri, relative);
        }

        request.Headers.Authorization = _auth.HeaderFor(scope);
        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        RegistryTransientException => true,
        HttpRequestException => true,
        IOException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string HostOf(string registry)
    {
        if (registry.StartsWith('['))
        {
            var end = registry.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? registry[..(end + 1)] : registry;
        }

        var colon = registry.LastIndexOf(':');
        return (colon >= 0 ? registry[..colon] : registry).ToLowerInvariant();
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.(amazonaws\.com|amazonaws\.com\.cn|on\.aws)$")]
    private static partial Regex EcrHostPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
