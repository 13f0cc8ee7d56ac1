using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using EcrAutomation.Aws.Auth;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EcrAutomation.Aws.Http;

/// <summary>A raw successful HTTP response.</summary>
internal sealed record AwsHttpResponse(HttpStatusCode Status, byte[] Body, string? RequestId);

/// <summary>
/// Runs one AWS call through the retry pipeline: total timeout → jittered exponential retry → per-attempt timeout.
/// Each attempt builds, signs and sends a fresh request. A call that is not idempotent (one a resend would perform twice,
/// like RegisterTaskDefinition) is resent only after throttling, which AWS answers before doing anything; after a server
/// error or a lost connection it may have taken effect, so the caller decides (see <see cref="AwsErrorClassifier.MayHaveTakenEffect"/>).
/// </summary>
internal sealed class AwsRequestExecutor
{
    private readonly AwsConnection _connection;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _notIdempotentPipeline;

    public AwsRequestExecutor(AwsConnection connection, HttpClient httpClient, ILogger logger)
    {
        _connection = connection;
        _httpClient = httpClient;
        _logger = logger;
        _pipeline = BuildPipeline(connection.Options.Retry, connection.Options.TimeProvider, logger, new PredicateBuilder()
            .Handle<AwsServiceException>(ex => ex.IsRetryable)
            .Handle<HttpRequestException>()
            .Handle<IOException>()
            .Handle<TimeoutRejectedException>());
        _notIdempotentPipeline = BuildPipeline(connection.Options.Retry, connection.Options.TimeProvider, logger, new PredicateBuilder()
            .Handle<AwsServiceException>(ex => ex.IsThrottling));
    }

    public AwsConnection Connection => _connection;

    public TimeProvider TimeProvider => _connection.Options.TimeProvider;

    public ILogger Logger => _logger;

    /// <summary>Sends a request built by <paramref name="createRequest"/> (URI relative to the service endpoint).</summary>
    public Task<AwsHttpResponse> SendAsync(
        AwsServiceInfo service, string operation, Func<Uri, HttpRequestMessage> createRequest, byte[] body,
        CancellationToken cancellationToken, bool idempotent = true) =>
        ExecuteAsync(service, operation, ct => SendOnceAsync(service, operation, createRequest, body, ct), cancellationToken, idempotent);

    /// <summary>Runs <paramref name="action"/> through the pipeline, mapping SDK errors and timeouts to this library's exceptions.</summary>
    public async Task<T> ExecuteAsync<T>(
        AwsServiceInfo service, string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken, bool idempotent = true)
    {
        try
        {
            return await (idempotent ? _pipeline : _notIdempotentPipeline).ExecuteAsync(
                static async (state, ct) =>
                {
                    try
                    {
                        return await state.action(ct).ConfigureAwait(false);
                    }
                    catch (AmazonServiceException ex)
                    {
                        throw AwsServiceException.Create(
                            state.service.DisplayName, state.operation, ex.ErrorCode ?? "Http" + (int)ex.StatusCode,
                            ex.Message, ex.StatusCode, ex.RequestId, ex);
                    }
                },
                (action, service, operation),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AwsTimeoutException(
                $"{service.DisplayName} {operation} did not complete within its time budget (attempt timeout {_connection.Options.Retry.AttemptTimeout}, total {_connection.Options.Retry.TotalTimeout}).",
                ex);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsException($"{service.DisplayName} {operation} failed in the AWS SDK client: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AwsException($"{service.DisplayName} {operation} could not reach {_connection.ResolveEndpoint(service)}: {ex.Message}", ex);
        }
    }

    private async Task<AwsHttpResponse> SendOnceAsync(
        AwsServiceInfo service, string operation, Func<Uri, HttpRequestMessage> createRequest, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _connection.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var request = createRequest(_connection.ResolveEndpoint(service));
        request.Headers.UserAgent.ParseAdd("EcrAutomation.Aws/1.0");
        SigV4Signer.Sign(request, body, credentials, _connection.SigningRegion(service), service.SigningName, TimeProvider.GetUtcNow());

        var started = Stopwatch.GetTimestamp();
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = AwsErrorParser.HeaderRequestId(response);
        _logger.LogDebug(
            "{Service} {Operation} → HTTP {Status} in {Elapsed} ms (request id {RequestId})",
            service.DisplayName, operation, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);

        if (!response.IsSuccessStatusCode)
        {
            throw AwsErrorParser.Parse(service, operation, response, responseBody);
        }

        return new AwsHttpResponse(response.StatusCode, responseBody, requestId);
    }

    private static ResiliencePipeline BuildPipeline(AwsRetryOptions options, TimeProvider timeProvider, ILogger logger, PredicateBuilder<object> retryOn)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = retryOn,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception switch
                    {
                        AwsServiceException service => service.ErrorCode,
                        TimeoutRejectedException => "attempt timeout",
                        { } other => other.GetType().Name,
                        null => "unknown",
                    };
                    logger.LogInformation(
                        "AWS call failed ({Reason}); retry {Attempt} in {Delay} ms", reason, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }
}
