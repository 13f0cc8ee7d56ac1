using System.Diagnostics;

namespace EcrAutomation.Images.Tests.Fixtures;

/// <summary>Runs Debian tools the tests use as real peers; a missing tool fails the test loudly.</summary>
internal static class ExternalTool
{
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The tests need '{name}' on PATH. Install it with scripts/install-prerequisites.sh (Debian packages skopeo docker-registry buildah umoci apache2-utils).");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string tool, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        TestEnvironment.Apply(info.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', info.ArgumentList)} did not finish in time.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> RunCheckedAsync(string tool, IEnumerable<string> args, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var list = args.ToList();
        var (code, stdout, stderr) = await RunAsync(tool, list, workingDirectory, environment);
        return code == 0 ? stdout : throw new InvalidOperationException($"{tool} {string.Join(' ', list)} exited {code}: {stderr}{stdout}");
    }
}

/// <summary>The loopback-only AWS environment every test and child process gets.</summary>
internal static class TestEnvironment
{
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = "AKIDTESTFAKE00000000",
        ["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
    };

    public static void Apply(IDictionary<string, string?> target)
    {
        foreach (var (key, value) in Variables)
        {
            target[key] = value;
        }
    }

    public static void ApplyToProcess()
    {
        foreach (var (key, value) in Variables)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }
}
