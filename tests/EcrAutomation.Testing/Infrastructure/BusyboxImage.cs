using EcrAutomation.Images.Building;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// Builds small runnable images from the host's static busybox (Debian busybox-static, as app/base does) with the
/// daemonless builder: the context holds <c>busybox</c> plus the given files, and the Dockerfile starts
/// <c>FROM scratch</c>, copies busybox to /bin and then runs the given instructions.
/// </summary>
public static class BusyboxImage
{
    /// <summary>Builds the image under <paramref name="workDirectory"/>; the result's OCI layout holds its blobs.</summary>
    /// <param name="workDirectory">Where the context and the build cache go.</param>
    /// <param name="instructions">Dockerfile instructions after <c>COPY busybox /bin/busybox</c>, e.g. <c>CMD ["/bin/busybox","true"]</c>.</param>
    /// <param name="files">Further context files (relative path to content) the instructions can COPY.</param>
    public static async Task<BuildResult> BuildAsync(string workDirectory, string instructions, IReadOnlyDictionary<string, string>? files = null)
    {
        var context = Directory.CreateDirectory(Path.Combine(workDirectory, "context")).FullName;
        File.Copy("/bin/busybox", Path.Combine(context, "busybox"), overwrite: true);
        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            var full = Path.Combine(context, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }

        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = Path.Combine(workDirectory, "cache") });
        var outcome = await builder.BuildAsync(new BuildRequest
        {
            ContextDirectory = context,
            DockerfileContent = $"FROM scratch\nCOPY busybox /bin/busybox\n{instructions}\n",
        });
        return outcome is BuildSucceeded success ? success.Result : throw new InvalidOperationException($"building the busybox image failed: {outcome}");
    }
}
