using System.Diagnostics;
using System.Globalization;
using System.Text;
using EcrAutomation.Aws.Auth;
using EcrAutomation.Aws.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Tests;

/// <summary>
/// The signer against AWS's published SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30 vectors: credentials
/// AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, us-east-1, service "service") and against awscli.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly AwsSigningCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("get-vanilla", "GET", "/", "", "", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "/", "?Param2=value2&Param1=value1", "", null, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("post-vanilla", "POST", "/", "", "", null, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("post-x-www-form-urlencoded", "POST", "/", "", "Param1=value1", "application/x-www-form-urlencoded", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    public void ComputeSignature_SuiteVector_MatchesPublishedSignature(
        string vector, string method, string path, string query, string body, string? contentType, string expected)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "example.amazonaws.com"),
            new("X-Amz-Date", "20150830T123600Z"),
        };
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        var result = SigV4Signer.ComputeSignature(
            method, path, query, headers, SigV4Signer.HexSha256(Encoding.UTF8.GetBytes(body)), SuiteCredentials, "us-east-1", "service", SuiteTime);

        result.Signature.ShouldBe(expected, vector);
        result.Authorization.ShouldStartWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=");
    }

    [Fact]
    public void ComputeSignature_GetVanilla_ProducesPublishedCanonicalRequestAndStringToSign()
    {
        var result = SigV4Signer.ComputeSignature(
            "GET", "/", "", [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z")],
            SigV4Signer.HexSha256([]), SuiteCredentials, "us-east-1", "service", SuiteTime);

        result.CanonicalRequest.ShouldBe(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        result.StringToSign.ShouldBe(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    }

    [Fact]
    public void Sign_HttpRequestMessageFormPost_MatchesSuiteVectorAndSetsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.amazonaws.com/")
        {
            Content = new ByteArrayContent("Param1=value1"u8.ToArray()),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var signature = SigV4Signer.Sign(request, "Param1=value1"u8, SuiteCredentials, "us-east-1", "service", SuiteTime);

        signature.ShouldBe("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
        request.Headers.GetValues("X-Amz-Date").Single().ShouldBe("20150830T123600Z");
        request.Headers.GetValues("Authorization").Single().ShouldContain("SignedHeaders=content-type;host;x-amz-date,");
    }

    [Fact]
    public void Sign_WithSessionToken_SignsTheTokenHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], SuiteCredentials with { SessionToken = "token-value" }, "us-east-1", "service", SuiteTime);

        request.Headers.GetValues("X-Amz-Security-Token").Single().ShouldBe("token-value");
        request.Headers.GetValues("Authorization").Single().ShouldContain("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    }

    [Fact]
    public void UriEncode_ReservedCharacters_AreUpperHexAndUnreservedKept()
    {
        SigV4Signer.UriEncode("a b/c~d_e.f-g*").ShouldBe("a%20b%2Fc~d_e.f-g%2A");
        SigV4Signer.UriEncode("/x y/", encodeSlash: false).ShouldBe("/x%20y/");
    }

    [Theory]
    [InlineData("ecr", "ecr describe-repositories", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")]
    [InlineData("ecs", "ecs describe-clusters --clusters a b", "AmazonEC2ContainerServiceV20141113.DescribeClusters")]
    [InlineData("iam", "iam get-role --role-name my-role", null)]
    [InlineData("elasticloadbalancing", "elbv2 describe-load-balancers --names a", null)]
    [InlineData("eks", "eks describe-cluster --name my-cluster", null)]
    public async Task Sign_SameRequestAsAwsCli_ProducesTheCliSignature(string signingName, string command, string? target)
    {
        // Oracle: awscli (botocore's signer) signs a request to a local listener; we recompute its signature from
        // the captured method, path, query, signed headers and body, and compare. Covers json, query and restJson shapes.
        await using var stub = await StubServer.StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 200, "{}"));

        var arguments = command.Split(' ').Concat(["--endpoint-url", stub.Endpoint.ToString().TrimEnd('/'), "--region", "us-east-1"]).ToList();
        var start = new ProcessStartInfo("aws", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        FakeAwsEnvironment.ApplyTo(start.Environment);
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment.Remove("AWS_ENDPOINT_URL");
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The AWS CLI ('aws') is not installed; install awscli (scripts/install-prerequisites.sh).", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            // The canned "{}" does not satisfy every command's output parser; only the signed request matters here.
            stub.Requests.ShouldNotBeEmpty(await stderr);
        }

        var captured = stub.Requests.First();
        if (target is not null)
        {
            captured.Target.ShouldBe(target);
        }

        var authorization = captured.Headers["authorization"];
        var signedHeaders = authorization.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        var cliSignature = authorization.Split("Signature=")[1].Trim();
        var amzDate = captured.Headers["x-amz-date"];
        var time = DateTimeOffset.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        var ours = SigV4Signer.ComputeSignature(
            captured.Method, captured.Path, captured.Query,
            signedHeaders.Select(h => new KeyValuePair<string, string>(h, captured.Headers[h])),
            SigV4Signer.HexSha256(captured.Body),
            new AwsSigningCredentials(TestEnvironment.AccessKey, TestEnvironment.SecretKey), "us-east-1", signingName, time);

        ours.Signature.ShouldBe(cliSignature);
        ours.Authorization.ShouldBe(authorization);
    }

    [Fact]
    public async Task EcrClient_Request_VerifiesUnderIndependentRecomputation()
    {
        await using var stub = await StubServer.StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[]}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        await connection.Ecr.DescribeRepositoriesAsync(new());

        var captured = stub.Requests.ShouldHaveSingleItem();
        var authorization = captured.Headers["authorization"];
        authorization.ShouldContain("SignedHeaders=content-type;host;x-amz-date;x-amz-target,");
        authorization.ShouldContain($"Credential={TestEnvironment.AccessKey}/");
        authorization.ShouldContain("/us-east-1/ecr/aws4_request");
        var time = DateTimeOffset.ParseExact(captured.Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var recomputed = SigV4Signer.ComputeSignature(
            "POST", "/", "",
            new[] { "content-type", "host", "x-amz-date", "x-amz-target" }.Select(h => new KeyValuePair<string, string>(h, captured.Headers[h])),
            SigV4Signer.HexSha256(captured.Body), new AwsSigningCredentials(TestEnvironment.AccessKey, TestEnvironment.SecretKey), "us-east-1", "ecr", time);
        authorization.ShouldBe(recomputed.Authorization);
        captured.Headers["content-type"].ShouldBe("application/x-amz-json-1.1");
    }
}
