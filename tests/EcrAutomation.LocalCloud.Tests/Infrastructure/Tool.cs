using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>
/// Runs real external tools (aws, skopeo, dotnet...) through <see cref="ExternalTool"/> with an offline AWS environment
/// that also isolates the AWS CLI from ~/.aws; touching this type sets that environment on the test process too.
/// </summary>
public static class Tool
{
    /// <summary>The environment every child process gets: fake credentials, us-east-1, no metadata service, no ~/.aws.</summary>
    public static readonly IReadOnlyDictionary<string, string> AwsEnvironment = new Dictionary<string, string>(FakeAwsEnvironment.Variables)
    {
        ["AWS_PAGER"] = string.Empty,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    static Tool()
    {
        foreach (var (key, value) in AwsEnvironment)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }

    /// <summary>Finds a tool on PATH or fails loudly with the package to install.</summary>
    public static string Require(string name, string debianPackage) => ExternalTool.Require(name, debianPackage);

    public static Task<ToolResult> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var merged = new Dictionary<string, string>(AwsEnvironment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return ExternalTool.RunAsync(executable, arguments, stdin, merged, timeout, workingDirectory);
    }
}
