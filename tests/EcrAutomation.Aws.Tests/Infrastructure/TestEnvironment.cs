using System.Runtime.CompilerServices;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Tests.Infrastructure;

/// <summary>Process-wide test environment: fake credentials, no instance metadata, region us-east-1.</summary>
internal static class TestEnvironment
{
    public const string AccessKey = FakeAwsEnvironment.AccessKey;
    public const string SecretKey = FakeAwsEnvironment.SecretKey;
    public const string Region = FakeAwsEnvironment.Region;
    public const string ProfileName = "ecr-test";
    public const string ProfileAccessKey = "AKIDPROFILE000000000";

    [ModuleInitializer]
    internal static void Initialize()
    {
        FakeAwsEnvironment.ApplyToProcess();
        // Nothing may fall back to a real endpoint: the tests always pass explicit loopback endpoints.
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:9/");

        // Shared config files of our own (the SDK caches their location): isolates the tests from ~/.aws and gives
        // SharedProfileTests a known profile.
        var directory = Path.Combine(Path.GetTempPath(), "ecr-automation-aws-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        var credentials = Path.Combine(directory, "credentials");
        var config = Path.Combine(directory, "config");
        File.WriteAllText(credentials, $"[{ProfileName}]\naws_access_key_id = {ProfileAccessKey}\naws_secret_access_key = profile-secret-not-real\n");
        File.WriteAllText(config, $"[profile {ProfileName}]\nregion = eu-west-2\n");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", credentials);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", config);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        };
    }

    /// <summary>Fast-failing retry settings for tests that expect errors.</summary>
    public static AwsRetryOptions QuickRetry => new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        AttemptTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromSeconds(60),
    };

    public static AwsConnection Connect(Uri endpoint, AwsRetryOptions? retry = null, string? sessionToken = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null) =>
        AwsConnection.Create(new AwsConnectionOptions
        {
            Region = Region,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = sessionToken,
            Endpoint = endpoint,
            Retry = retry ?? QuickRetry,
            LoggerFactory = loggerFactory,
        });
}
