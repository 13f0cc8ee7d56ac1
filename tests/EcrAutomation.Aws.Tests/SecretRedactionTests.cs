using System.Collections.Concurrent;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Aws.Tests;

/// <summary>Secret keys, session tokens, Authorization headers and ECR tokens never reach exceptions or logs.</summary>
public sealed class SecretRedactionTests
{
    private const string SessionToken = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private const string EcrToken = "QVdTOnN1cGVyLXNlY3JldC1wYXNzd29yZA=="; // AWS:super-secret-password

    [Fact]
    public async Task Errors_Timeouts_AndLogs_ContainNoSecrets()
    {
        var tokenCalls = 0;
        await using var stub = await StubServer.StartAsync(async (request, ctx) =>
        {
            switch (request.Target!.Split('.')[1])
            {
                case "GetAuthorizationToken" when Interlocked.Increment(ref tokenCalls) == 1:
                    await StubServer.WriteJsonAsync(ctx, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                    break;
                case "GetAuthorizationToken":
                    await StubServer.WriteJsonAsync(ctx, 200, $"{{\"authorizationData\":[{{\"authorizationToken\":\"{EcrToken}\",\"expiresAt\":1499287667,\"proxyEndpoint\":\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com\"}}]}}");
                    break;
                case "DescribeRepositories":
                    await StubServer.WriteJsonAsync(ctx, 403, "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}");
                    break;
                default:
                    await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
                    break;
            }
        });
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var connection = TestEnvironment.Connect(stub.Endpoint, TestEnvironment.QuickRetry with { MaxAttempts = 2 }, SessionToken, loggerFactory);
        using var impatient = TestEnvironment.Connect(
            stub.Endpoint,
            TestEnvironment.QuickRetry with { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromMilliseconds(200), TotalTimeout = TimeSpan.FromSeconds(2) },
            SessionToken,
            loggerFactory);

        var token = await connection.Ecr.GetAuthorizationTokenAsync();
        var error = await Should.ThrowAsync<AwsServiceException>(() => connection.Ecr.DescribeRepositoriesAsync(new()));
        var timeout = await Should.ThrowAsync<AwsTimeoutException>(() => impatient.Ecr.ListImagesAsync(new ListImagesRequest { RepositoryName = "r" }));
        using var refused = TestEnvironment.Connect(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), TestEnvironment.QuickRetry with { MaxAttempts = 1 }, SessionToken, loggerFactory);
        var unreachable = await Should.ThrowAsync<AwsException>(() => refused.Ecr.DescribeRepositoriesAsync(new()));

        var authorization = stub.Requests.First().Headers["authorization"];
        stub.Requests.First().Headers["x-amz-security-token"].ShouldBe(SessionToken);
        var texts = new[] { error.ToString(), timeout.ToString(), unreachable.ToString(), token.ToString(), token.AuthorizationData[0].ToString(), string.Join("\n", logs.Messages) };
        logs.Messages.ShouldNotBeEmpty();
        foreach (var text in texts)
        {
            text.ShouldNotContain(TestEnvironment.SecretKey);
            text.ShouldNotContain(SessionToken);
            text.ShouldNotContain(authorization);
            text.ShouldNotContain("Signature=");
            text.ShouldNotContain(EcrToken);
            text.ShouldNotContain("super-secret-password");
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
