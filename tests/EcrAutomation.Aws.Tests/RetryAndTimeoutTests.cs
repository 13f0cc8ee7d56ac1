using System.Diagnostics;
using System.Net;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Tests;

/// <summary>Fault injection through a local Kestrel stub.</summary>
public sealed class RetryAndTimeoutTests
{
    private static readonly AwsRetryOptions Fast = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(20),
    };

    [Theory]
    [InlineData(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")]
    [InlineData(400, "{\"__type\":\"com.amazonaws.ecr#TooManyRequestsException\",\"message\":\"slow down\"}")]
    [InlineData(429, "{}")]
    [InlineData(503, "{\"__type\":\"ServiceUnavailableException\",\"message\":\"try later\"}")]
    [InlineData(500, "{\"__type\":\"ServerException\",\"message\":\"oops\"}")]
    public async Task SendAsync_ThrottledTwiceThenOk_RetriesAndSucceeds(int status, string errorBody)
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((_, ctx) =>
            Interlocked.Increment(ref calls) <= 2
                ? StubServer.WriteJsonAsync(ctx, status, errorBody)
                : StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[{\"repositoryName\":\"a\"}]}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast);

        var response = await connection.Ecr.DescribeRepositoriesAsync(new());

        response.Repositories.ShouldHaveSingleItem().RepositoryName.ShouldBe("a");
        stub.Requests.Count.ShouldBe(3);
        // Each attempt is signed afresh.
        stub.Requests.All(r => r.Headers.ContainsKey("authorization")).ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_QueryThrottling_RetriesAndSucceeds()
    {
        var calls = 0;
        await using var stub = await StubServer.StartAsync((_, ctx) =>
            Interlocked.Increment(ref calls) == 1
                ? StubServer.WriteXmlAsync(ctx, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>")
                : StubServer.WriteXmlAsync(ctx, 200, "<DeleteRoleResponse><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></DeleteRoleResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast);

        await connection.Iam.DeleteRoleAsync("r");

        stub.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RegisterTaskDefinition_ServerError_IsNotResent_ButThrottlingIs()
    {
        // Each RegisterTaskDefinition adds a revision: a resend after a 500 (which may have taken effect) could add a second one.
        var calls = 0;
        await using var stub = await StubServer.StartAsync((_, ctx) => Interlocked.Increment(ref calls) switch
        {
            1 => StubServer.WriteJsonAsync(ctx, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"),
            _ => StubServer.WriteJsonAsync(ctx, 500, "{\"__type\":\"InternalFailure\",\"message\":\"oops\"}"),
        });
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast);

        var error = await Should.ThrowAsync<AwsServiceException>(() => connection.Ecs.RegisterTaskDefinitionAsync(new Ecs.RegisterTaskDefinitionRequest { Family = "f", ContainerDefinitions = [] }));

        error.HttpStatus.ShouldBe(HttpStatusCode.InternalServerError);
        AwsErrorClassifier.MayHaveTakenEffect(error).ShouldBeTrue();
        stub.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ThrottledForever_GivesUpAfterMaxAttemptsWithThrottlingException()
    {
        await using var stub = await StubServer.StartAsync((_, ctx) =>
            StubServer.WriteJsonAsync(ctx, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast);

        var ex = await Should.ThrowAsync<AwsThrottlingException>(() => connection.Ecr.DescribeRepositoriesAsync(new()));

        ex.ErrorCode.ShouldBe("ThrottlingException");
        stub.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task SendAsync_ClientError400_FailsAtOnceWithoutRetry()
    {
        await using var stub = await StubServer.StartAsync((_, ctx) => StubServer.WriteJsonAsync(
            ctx, 400, "{\"__type\":\"RepositoryNotFoundException\",\"message\":\"The repository with name 'x' does not exist\"}",
            new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-123" }));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast);

        var ex = await Should.ThrowAsync<AwsResourceNotFoundException>(() =>
            connection.Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = "x" }));

        stub.Requests.Count.ShouldBe(1);
        ex.ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotFound);
        ex.HttpStatus.ShouldBe(HttpStatusCode.BadRequest);
        ex.RequestId.ShouldBe("req-123");
        ex.Service.ShouldBe("ECR");
        ex.Operation.ShouldBe("DeleteRepository");
        ex.ErrorMessage.ShouldBe("The repository with name 'x' does not exist");
        ex.IsRetryable.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_HangingEndpoint_IsCutOffByAttemptAndTotalTimeout()
    {
        await using var stub = await StubServer.StartAsync(async (_, ctx) => await Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast with
        {
            MaxAttempts = 3,
            // Long enough for each attempt to reach the stub even on a loaded 2-core machine (tests run in parallel).
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(10),
        });
        var watch = Stopwatch.StartNew();

        await Should.ThrowAsync<AwsTimeoutException>(() => connection.Ecr.DescribeRepositoriesAsync(new()));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        // Each timed-out attempt was retried; the stub may record the last one a moment after the client gave up.
        for (var i = 0; i < 40 && stub.Requests.Count < 3; i++)
        {
            await Task.Delay(50);
        }

        stub.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendAsync_HangingEndpointWithShortTotalBudget_StopsAtTotalTimeout()
    {
        await using var stub = await StubServer.StartAsync(async (_, ctx) => await Task.Delay(Timeout.Infinite, ctx.RequestAborted));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast with
        {
            MaxAttempts = 10,
            AttemptTimeout = TimeSpan.FromSeconds(30),
            TotalTimeout = TimeSpan.FromMilliseconds(500),
        });
        var watch = Stopwatch.StartNew();

        await Should.ThrowAsync<AwsTimeoutException>(() => connection.Ecr.DescribeRepositoriesAsync(new()));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task SendAsync_CancelledDuringRetryLoop_StopsPromptly()
    {
        await using var stub = await StubServer.StartAsync((_, ctx) =>
            StubServer.WriteJsonAsync(ctx, 503, "{\"__type\":\"ServiceUnavailableException\",\"message\":\"down\"}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint, Fast with
        {
            MaxAttempts = 50,
            BaseDelay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromMinutes(5),
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));
        var watch = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(() => connection.Ecr.DescribeRepositoriesAsync(new(), cts.Token));

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        var count = stub.Requests.Count;
        count.ShouldBeGreaterThan(0);
        count.ShouldBeLessThan(50);
        await Task.Delay(400);
        stub.Requests.Count.ShouldBe(count); // nothing more after cancellation
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriesThenThrowsAwsException()
    {
        var port = FreePort.Next();
        using var connection = TestEnvironment.Connect(new Uri($"http://127.0.0.1:{port}/"), Fast with { MaxAttempts = 2 });

        var ex = await Should.ThrowAsync<AwsException>(() => connection.Ecr.DescribeRepositoriesAsync(new()));

        ex.InnerException.ShouldBeOfType<HttpRequestException>();
    }
}
