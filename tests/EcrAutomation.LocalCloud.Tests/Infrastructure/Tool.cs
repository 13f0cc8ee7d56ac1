using System.Diagnostics;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>Result of running an external tool.</summary>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    public ToolResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{StdErr}\n{StdOut}");
        }

        return this;
    }
}

/// <summary>Runs real external tools (aws, skopeo, docker-registry...) with an offline AWS environment.</summary>
public static class Tool
{
    /// <summary>The environment every child process gets: fake credentials, us-east-1, no metadata service.</summary>
    public static readonly IReadOnlyDictionary<string, string> AwsEnvironment = new Dictionary<string, string>
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = "AKIDTESTFAKE00000000",
        ["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
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
    public static string Require(string name, string debianPackage)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : throw new InvalidOperationException($"{name} is missing; install it with: apt-get install -y {debianPackage} (or run scripts/install-prerequisites.sh)");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} is not installed; install it with: apt-get install -y {debianPackage} (or run scripts/install-prerequisites.sh)");
    }

    public static async Task<ToolResult> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in AwsEnvironment)
        {
            startInfo.Environment[key] = value;
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                startInfo.Environment[key] = value;
            }
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', startInfo.ArgumentList)} timed out");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
