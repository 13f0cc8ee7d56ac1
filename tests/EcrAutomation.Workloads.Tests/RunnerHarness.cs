using EcrAutomation.Images.Building;
using EcrAutomation.Testing.Infrastructure;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrAutomation.Workloads.Tests;

/// <summary>
/// One test's container host: a temporary state directory, a name prefix of its own (so tests running at once never
/// touch each other's namespaces), and images built from the host's busybox into an OCI layout the host reads from.
/// Disposing it disposes the host and checks nothing with its prefix is left.
/// </summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    public const string HttpdInstructions = """
        COPY www/ /www/
        WORKDIR /www
        ENTRYPOINT ["/bin/busybox"]
        CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
        """;

    private RunnerHarness(string root, string prefix)
    {
        Root = root;
        Prefix = prefix;
    }

    public string Root { get; }

    public string Prefix { get; }

    public string StateDirectory => Path.Combine(Root, "state");

    public string LayoutDirectory => Path.Combine(Root, "images");

    public ContainerHost Host { get; private set; } = null!;

    public static async Task<RunnerHarness> StartAsync()
    {
        var harness = new RunnerHarness(Directory.CreateTempSubdirectory("ecra-runner-").FullName, "t" + Guid.NewGuid().ToString("N")[..6]);
        harness.Host = await harness.StartHostAsync();
        return harness;
    }

    public ContainerHostOptions Options => new()
    {
        StateDirectory = StateDirectory,
        NamePrefix = Prefix,
        Images = new OciLayoutImageStore(LayoutDirectory),
    };

    public Task<ContainerHost> StartHostAsync() => ContainerHost.StartAsync(Options, NullLogger.Instance);

    /// <summary>Builds an image (see <see cref="BusyboxImage"/>) and copies its blobs into the layout the host reads; returns its digest.</summary>
    public async Task<string> BuildAsync(string instructions, IReadOnlyDictionary<string, string>? files = null)
    {
        var result = await BusyboxImage.BuildAsync(Path.Combine(Root, "build-" + Guid.NewGuid().ToString("N")[..8]), instructions, files);
        CopyBlobs(result);
        return result.Digest.ToString();
    }

    public Task<string> BuildHttpdAsync(string page = "hello from the sandbox\n")
        => BuildAsync(HttpdInstructions, new Dictionary<string, string> { ["www/index.html"] = page });

    public static ContainerSpec Spec(string digest, string name = "app") => new() { Name = name, Repository = "test/app", Digest = digest };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        var leftovers = ContainerHygiene.Find(Prefix, StateDirectory);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        leftovers.ShouldBeEmpty();
    }

    private void CopyBlobs(BuildResult result)
    {
        var target = Directory.CreateDirectory(Path.Combine(LayoutDirectory, "blobs", "sha256")).FullName;
        foreach (var blob in Directory.EnumerateFiles(Path.Combine(result.OciLayoutPath, "blobs", "sha256")))
        {
            File.Copy(blob, Path.Combine(target, Path.GetFileName(blob)), overwrite: true);
        }
    }
}
