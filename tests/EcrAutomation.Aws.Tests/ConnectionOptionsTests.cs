using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests;

public sealed class ConnectionOptionsTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void FromStackConfig_AllKeys_MapToOptions()
    {
        var options = AwsConnectionOptions.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:region"] = "eu-west-1",
            ["aws:profile"] = "dev",
            ["aws:accessKey"] = "AKIDSTACK",
            ["aws:secretKey"] = "stack-secret",
            ["aws:token"] = "stack-token",
            ["aws:endpoint"] = "http://127.0.0.1:4566",
            ["aws:endpoints:ecr"] = "http://127.0.0.1:5001",
            ["aws:endpoints:elasticloadbalancingv2"] = "http://127.0.0.1:5002",
            ["aws:endpoints"] = "[{\"logs\":\"http://127.0.0.1:5003\"},{\"iam\":\"http://127.0.0.1:5004\"}]",
            ["aws:skipCredentialsValidation"] = "true",
            ["aws:skipMetadataApiCheck"] = "true",
        });

        options.Region.ShouldBe("eu-west-1");
        options.Profile.ShouldBe("dev");
        options.AccessKey.ShouldBe("AKIDSTACK");
        options.SecretKey.ShouldBe("stack-secret");
        options.SessionToken.ShouldBe("stack-token");
        options.Endpoint.ShouldBe(new Uri("http://127.0.0.1:4566"));
        options.Endpoints["ecr"].ShouldBe(new Uri("http://127.0.0.1:5001"));
        options.Endpoints["elbv2"].ShouldBe(new Uri("http://127.0.0.1:5002"));
        options.Endpoints["logs"].ShouldBe(new Uri("http://127.0.0.1:5003"));
        options.Endpoints["iam"].ShouldBe(new Uri("http://127.0.0.1:5004"));
        options.SkipCredentialsValidation.ShouldBeTrue();
        options.SkipMetadataApiCheck.ShouldBeTrue();
    }

    [Theory]
    [InlineData("aws:skipMetadataApiCheck")]
    [InlineData("aws:skipCredentialsValidation")]
    public void FromStackConfig_SkipSettingThatIsNotABoolean_ThrowsNamingTheKey(string key) =>
        Should.Throw<ArgumentException>(() => AwsConnectionOptions.FromStackConfig(new Dictionary<string, string> { [key] = "yes please" }))
            .Message.ShouldContain(key);

    [Theory]
    [InlineData("aws:endpoints:nosuchservice", "http://127.0.0.1:1")]
    [InlineData("aws:endpoint", "not a url")]
    [InlineData("aws:endpoint", "ftp://127.0.0.1/")]
    public void FromStackConfig_BadEndpoint_Throws(string key, string value) =>
        Should.Throw<ArgumentException>(() => AwsConnectionOptions.FromStackConfig(new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void ResolveEndpoint_Precedence_PerServiceThenGlobalThenEnvironmentThenDefault()
    {
        var env = Env(("AWS_ENDPOINT_URL_ECR", "http://127.0.0.1:7001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:7000"),
            ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://127.0.0.1:7002"), ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:7003"));

        using var fromEnv = AwsConnection.Create(new AwsConnectionOptions { Region = "us-west-2", GetEnvironmentVariable = env });
        fromEnv.ResolveEndpoint(AwsServiceInfo.Ecr).ShouldBe(new Uri("http://127.0.0.1:7001"));
        fromEnv.ResolveEndpoint(AwsServiceInfo.Elbv2).ShouldBe(new Uri("http://127.0.0.1:7002"));
        fromEnv.ResolveEndpoint(AwsServiceInfo.Logs).ShouldBe(new Uri("http://127.0.0.1:7003"));
        fromEnv.ResolveEndpoint(AwsServiceInfo.Ecs).ShouldBe(new Uri("http://127.0.0.1:7000"));

        using var explicitGlobal = AwsConnection.Create(new AwsConnectionOptions
        {
            Region = "us-west-2",
            GetEnvironmentVariable = env,
            Endpoint = new Uri("http://127.0.0.1:8000"),
            Endpoints = new Dictionary<string, Uri> { ["ecs"] = new("http://127.0.0.1:8001") },
        });
        explicitGlobal.ResolveEndpoint(AwsServiceInfo.Ecr).ShouldBe(new Uri("http://127.0.0.1:8000"));
        explicitGlobal.ResolveEndpoint(AwsServiceInfo.Ecs).ShouldBe(new Uri("http://127.0.0.1:8001"));

        using var ignored = AwsConnection.Create(new AwsConnectionOptions
        {
            Region = "us-west-2",
            GetEnvironmentVariable = key => key == "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" ? "true" : env(key),
        });
        ignored.ResolveEndpoint(AwsServiceInfo.Ecr).ShouldBe(new Uri("https://api.ecr.us-west-2.amazonaws.com/"));
    }

    [Fact]
    public void ResolveEndpoint_Defaults_FollowAwsNamingAndIamSignsUsEast1()
    {
        using var connection = AwsConnection.Create(new AwsConnectionOptions { Region = "eu-central-1", GetEnvironmentVariable = _ => null });

        connection.ResolveEndpoint(AwsServiceInfo.Ecr).ShouldBe(new Uri("https://api.ecr.eu-central-1.amazonaws.com/"));
        connection.ResolveEndpoint(AwsServiceInfo.Ecs).ShouldBe(new Uri("https://ecs.eu-central-1.amazonaws.com/"));
        connection.ResolveEndpoint(AwsServiceInfo.Elbv2).ShouldBe(new Uri("https://elasticloadbalancing.eu-central-1.amazonaws.com/"));
        connection.ResolveEndpoint(AwsServiceInfo.Logs).ShouldBe(new Uri("https://logs.eu-central-1.amazonaws.com/"));
        connection.ResolveEndpoint(AwsServiceInfo.Eks).ShouldBe(new Uri("https://eks.eu-central-1.amazonaws.com/"));
        connection.ResolveEndpoint(AwsServiceInfo.Iam).ShouldBe(new Uri("https://iam.amazonaws.com/"));
        connection.SigningRegion(AwsServiceInfo.Iam).ShouldBe("us-east-1");
        connection.SigningRegion(AwsServiceInfo.Ecr).ShouldBe("eu-central-1");
    }

    [Fact]
    public void Create_RegionFromEnvironment_UsesAwsRegionThenAwsDefaultRegion()
    {
        using var a = AwsConnection.Create(new AwsConnectionOptions { GetEnvironmentVariable = Env(("AWS_REGION", "ap-south-1"), ("AWS_DEFAULT_REGION", "eu-north-1")) });
        using var b = AwsConnection.Create(new AwsConnectionOptions { GetEnvironmentVariable = Env(("AWS_DEFAULT_REGION", "eu-north-1")) });

        a.Region.ShouldBe("ap-south-1");
        b.Region.ShouldBe("eu-north-1");
    }

    [Fact]
    public async Task GetCredentials_NoOverrides_UsesSdkChainFromEnvironment()
    {
        using var connection = AwsConnection.Create(new AwsConnectionOptions { Region = "us-east-1" });

        var credentials = await connection.GetCredentialsAsync();

        credentials.AccessKeyId.ShouldBe(TestEnvironment.AccessKey);
        credentials.SecretAccessKey.ShouldBe(TestEnvironment.SecretKey);
    }

    [Fact]
    public async Task GetCredentials_ExplicitKeysWithToken_WinOverEnvironment()
    {
        using var connection = AwsConnection.Create(new AwsConnectionOptions { Region = "us-east-1", AccessKey = "AKIDEXPLICIT", SecretKey = "s", SessionToken = "t" });

        var credentials = await connection.GetCredentialsAsync();

        credentials.ShouldBe(new Auth.AwsSigningCredentials("AKIDEXPLICIT", "s", "t"));
    }

    [Fact]
    public void Create_OnlyAccessKey_IsConfigurationError() =>
        Should.Throw<AwsConfigurationException>(() => AwsConnection.Create(new AwsConnectionOptions { Region = "us-east-1", AccessKey = "AKID" }));

    [Fact]
    public void Create_UnknownProfile_IsConfigurationError() =>
        Should.Throw<AwsConfigurationException>(() => AwsConnection.Create(new AwsConnectionOptions { Profile = "no-such-profile-" + Guid.NewGuid().ToString("N") }));

    [Fact]
    public void FromStackConfig_ToString_RedactsSecrets()
    {
        var options = AwsConnectionOptions.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:accessKey"] = "AKIDSTACK",
            ["aws:secretKey"] = "stack-secret-value",
            ["aws:token"] = "stack-token-value",
        });

        var text = options.ToString();
        text.ShouldContain("AKIDSTACK");
        text.ShouldNotContain("stack-secret-value");
        text.ShouldNotContain("stack-token-value");
        new Auth.AwsSigningCredentials("AKID", "secret-value", "token-value").ToString().ShouldNotContain("value");
    }

    [Fact]
    public void FromStackConfig_MaxRetries_SetsAttemptsAfterTheFirst_DefaultIsTenAttempts()
    {
        AwsConnectionOptions.FromStackConfig(new Dictionary<string, string> { ["aws:maxRetries"] = "3" }).Retry.MaxAttempts.ShouldBe(4);
        AwsConnectionOptions.FromStackConfig(new Dictionary<string, string>()).Retry.MaxAttempts.ShouldBe(10);
        Should.Throw<ArgumentException>(() => AwsConnectionOptions.FromStackConfig(new Dictionary<string, string> { ["aws:maxRetries"] = "many" }))
            .Message.ShouldContain("aws:maxRetries");
    }
}
