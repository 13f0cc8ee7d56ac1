using System.Diagnostics;

namespace EcrAutomation.Workloads;

/// <summary>Runs the host tools the runner drives (ip, runc, umoci, mount) and reports their output.</summary>
internal static class HostTool
{
    /// <summary>Runs <paramref name="file"/> to completion; throws with its stderr when it fails and <paramref name="check"/> is set.</summary>
    public static async Task<HostToolResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, bool check = true)
    {
        var startInfo = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new HostToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', startInfo.ArgumentList)}` failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }

        return result;
    }
}
