using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Registry;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Benchmarks.Images;

/// <summary>
/// The <c>image</c> benchmark: daemonless build vs <c>buildah bud</c>, first push vs <c>skopeo copy</c>, an unchanged
/// re-push (must send 0 bytes) and a reproducibility check, on a generated context of about 100 MB.
/// Prints one JSON object as its last line.
/// </summary>
public static class ImageBenchmark
{
    /// <summary>Runs the benchmark. Options: <c>--mb N</c> (context size, default 100), <c>--work DIR</c> (scratch directory, default a temp dir).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var megabytes = BenchmarkArguments.Int(args, "--mb", 100);
        var work = BenchmarkArguments.String(args, "--work") ?? Path.Combine(Path.GetTempPath(), $"ecra-image-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            foreach (var tool in new[] { "buildah", "skopeo", "docker-registry" })
            {
                if (ExternalTool.Find(tool) is null)
                {
                    await Console.Error.WriteLineAsync($"The image benchmark needs '{tool}' (Debian packages buildah skopeo docker-registry; run scripts/install-prerequisites.sh).").ConfigureAwait(false);
                    return 2;
                }
            }

            var context = Path.Combine(work, "context-a");
            var copy = Path.Combine(work, "elsewhere", "context-b");
            var bytes = GenerateContext(context, megabytes);
            CopyDirectory(context, copy);
            SetTimes(context, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
            SetTimes(copy, new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc));
            var contextMb = Math.Round(bytes / 1_000_000.0, 1);
            Console.Error.WriteLine($"context: {contextMb} MB in {Directory.EnumerateFiles(context, "*", SearchOption.AllDirectories).Count()} files");

            // Daemonless build.
            var watch = Stopwatch.StartNew();
            var first = await BuildAsync(context, Path.Combine(work, "cache-a")).ConfigureAwait(false);
            var buildSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"daemonless build: {buildSeconds:F2} s -> {first.Digest}");

            // buildah on the same Dockerfile.
            var buildahRoot = Path.Combine(work, "buildah-root");
            var buildahRunRoot = Path.Combine(work, "buildah-runroot");
            watch.Restart();
            await RunAsync("buildah", ["--root", buildahRoot, "--runroot", buildahRunRoot, "--storage-driver", "vfs", "bud", "--isolation", "chroot", "-q", "-t", "bench/buildah:1", context]).ConfigureAwait(false);
            var buildahSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"buildah bud: {buildahSeconds:F2} s");

            await using var registry = await DockerRegistryProcess.StartAsync().ConfigureAwait(false);
            using var client = new RegistryClient(new RegistryClientOptions { Registry = registry.Host });

            watch.Restart();
            var push = await client.PushImageAsync(first.ToPushRequest("bench/ours", "v1")).ConfigureAwait(false);
            var pushSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"first push: {pushSeconds:F2} s, {push.BytesUploaded} bytes");

            watch.Restart();
            await RunAsync("skopeo", ["copy", "-q", "--dest-tls-verify=false", $"oci:{first.OciLayoutPath}:{first.OciReference}", $"docker://{registry.Host}/bench/skopeo:v1"]).ConfigureAwait(false);
            var skopeoSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"skopeo copy: {skopeoSeconds:F2} s");

            watch.Restart();
            var repush = await client.PushImageAsync(first.ToPushRequest("bench/ours", "v1")).ConfigureAwait(false);
            var repushSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"unchanged re-push: {repushSeconds:F3} s, {repush.BytesUploaded} bytes, manifest sent: {repush.ManifestUploaded}");

            var second = await BuildAsync(copy, Path.Combine(work, "cache-b")).ConfigureAwait(false);
            var reproducible = second.Digest == first.Digest;
            Console.Error.WriteLine($"second build from a copy: {second.Digest} (reproducible: {reproducible})");

            var result = new Dictionary<string, object>
            {
                ["context_mb"] = contextMb,
                ["build_s"] = Math.Round(buildSeconds, 3),
                ["buildah_build_s"] = Math.Round(buildahSeconds, 3),
                ["push_s"] = Math.Round(pushSeconds, 3),
                ["skopeo_push_s"] = Math.Round(skopeoSeconds, 3),
                ["repush_bytes"] = repush.BytesUploaded + (repush.ManifestUploaded ? first.Manifest.Bytes.Length : 0),
                ["repush_s"] = Math.Round(repushSeconds, 3),
                ["reproducible"] = reproducible,
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            if (BenchmarkArguments.String(args, "--work") is null)
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static async Task<BuildResult> BuildAsync(string context, string cache)
    {
        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = cache });
        var outcome = await builder.BuildAsync(new BuildRequest { ContextDirectory = context }).ConfigureAwait(false);
        return outcome is BuildSucceeded success ? success.Result : throw new InvalidOperationException(((BuildRequiresDockerEngine)outcome).Message);
    }

    /// <summary>Four directories of files from 4 KB to 256 KB; 90% pseudo-random (incompressible), 10% text. Returns the byte count.</summary>
    private static long GenerateContext(string root, int megabytes)
    {
        var target = megabytes * 1_000_000L;
        var random = new Random(20261127);
        var directories = new[] { "assets", "lib", "data", "web" };
        long total = 0;
        var index = 0;
        while (total < target)
        {
            var directory = Path.Combine(root, directories[index % directories.Length], $"group{index % 7}");
            Directory.CreateDirectory(directory);
            var size = (int)Math.Min(target - total, 4096 + random.Next(252 * 1024));
            var content = new byte[size];
            if (index % 10 == 9)
            {
                for (var i = 0; i < size; i++)
                {
                    content[i] = (byte)"the quick brown fox jumps over the lazy dog\n"[(i + index) % 44];
                }
            }
            else
            {
                random.NextBytes(content);
            }

            File.WriteAllBytes(Path.Combine(directory, $"file{index:D5}.bin"), content);
            total += size;
            index++;
        }

        File.WriteAllText(Path.Combine(root, "Dockerfile"), """
            FROM scratch
            COPY assets /srv/assets
            COPY lib /srv/lib
            COPY data /srv/data
            COPY web /srv/web
            WORKDIR /srv
            ENTRYPOINT ["/srv/web/run"]
            """);
        return total;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }

    private static void SetTimes(string root, DateTime time)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(entry, time);
        }
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments)
    {
        var list = arguments.ToList();
        var result = await ExternalTool.RunAsync(ExternalTool.Find(tool)!, list, timeout: Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        result.EnsureSuccess($"{tool} {string.Join(' ', list)}");
    }
}
