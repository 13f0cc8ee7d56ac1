namespace EcrAutomation.Testing.Infrastructure;

/// <summary>The offline AWS setup every test and child process gets: fake credentials, us-east-1, no metadata service.</summary>
public static class FakeAwsEnvironment
{
    /// <summary>The fake access key id.</summary>
    public const string AccessKey = "AKIDTESTFAKE00000000";

    /// <summary>The fake secret key (not a real secret).</summary>
    public const string SecretKey = "test-secret-not-real";

    /// <summary>The region every test uses.</summary>
    public const string Region = "us-east-1";

    /// <summary>The environment variables that make AWS tools use the fake credentials and never ask instance metadata.</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = Region,
    };

    /// <summary>Copies <see cref="Variables"/> into a child process environment.</summary>
    public static void ApplyTo(IDictionary<string, string?> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (key, value) in Variables)
        {
            target[key] = value;
        }
    }

    /// <summary>Sets <see cref="Variables"/> on the current process.</summary>
    public static void ApplyToProcess()
    {
        foreach (var (key, value) in Variables)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }
}
