using System.Diagnostics;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>The result of running an external tool.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="StdOut">Everything the tool wrote to standard output.</param>
/// <param name="StdErr">Everything the tool wrote to standard error.</param>
public sealed record ToolResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Returns this result, or throws with the tool's output when it exited non-zero.</summary>
    public ToolResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{StdErr}\n{StdOut}");
        }

        return this;
    }
}

/// <summary>Locates and runs the real tools the tests use as peers (Debian packages); a missing tool fails loudly.</summary>
public static class ExternalTool
{
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/sbin", "/usr/bin"];

    /// <summary>The full path of <paramref name="name"/> on PATH (or in the system bin folders), or null.</summary>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The full path of <paramref name="name"/>, or an exception naming the package to install.</summary>
    /// <param name="name">A tool name looked up on PATH, or an absolute path.</param>
    /// <param name="debianPackage">What to install when it is missing, e.g. <c>docker-registry</c>.</param>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"{name} is not installed; install it with: apt-get install -y {debianPackage} (or run scripts/install-prerequisites.sh)");

    /// <summary>
    /// Runs <paramref name="executable"/> with the <see cref="FakeAwsEnvironment"/> plus <paramref name="environment"/>,
    /// feeds it <paramref name="stdin"/> (or a closed standard input) and collects its output; kills it after the timeout.
    /// </summary>
    public static async Task<ToolResult> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
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

        FakeAwsEnvironment.ApplyTo(startInfo.Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{executable} {string.Join(' ', startInfo.ArgumentList)} timed out");
        }

        return new ToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a required tool and returns its standard output, or throws with its output when it exits non-zero.</summary>
    /// <param name="name">The tool name on PATH.</param>
    /// <param name="debianPackage">What to install when it is missing.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run (the tool is killed).</param>
    public static async Task<string> RunCheckedAsync(string name, string debianPackage, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(Require(name, debianPackage), list, cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess($"{name} {string.Join(' ', list)}").StdOut;
    }
}
