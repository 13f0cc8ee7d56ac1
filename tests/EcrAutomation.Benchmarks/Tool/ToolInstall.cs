using System.Diagnostics;

namespace EcrAutomation.Benchmarks.Tool;

/// <summary>Installs the packed <c>ecr-automation</c> tool as a user does (<c>dotnet tool install --tool-path</c>), for the benchmarks that time whole processes.</summary>
internal static class ToolInstall
{
    public const string ToolName = "ecr-automation";

    /// <summary>The feed to install from: <paramref name="option"/>, else the repository's artifacts/packages (scripts/pack.sh writes it).</summary>
    public static string Feed(string? option) => Path.GetFullPath(option ?? Path.Combine(RepositoryRoot(), "artifacts", "packages"));

    /// <summary>The version of the tool package in <paramref name="feed"/>, or null when it holds none.</summary>
    public static string? PackedVersion(string feed)
    {
        var package = Directory.Exists(feed) ? Directory.GetFiles(feed, $"{ToolName}.*.nupkg").FirstOrDefault(p => char.IsDigit(Path.GetFileName(p)[ToolName.Length + 1])) : null;
        return package is null ? null : Path.GetFileNameWithoutExtension(package)[(ToolName.Length + 1)..];
    }

    /// <summary>Installs the tool into <c>work/tool</c> from the feed only (an older pack in a NuGet cache cannot stand in).</summary>
    public static async Task InstallAsync(string feed, string version, string work)
    {
        var config = Path.Combine(work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
              </packageSources>
            </configuration>
            """).ConfigureAwait(false);
        var install = new ProcessStartInfo("dotnet") { ArgumentList = { "tool", "install", "--tool-path", Path.Combine(work, "tool"), "--configfile", config, "--version", version, ToolName }, RedirectStandardOutput = true, RedirectStandardError = true };
        install.Environment["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages");
        using var process = Process.Start(install)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet tool install failed:\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EcrAutomation.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository (EcrAutomation.sln) above the benchmark; pass --feed DIR.");
    }
}
