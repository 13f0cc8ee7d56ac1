using System.Net;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A pod's sandbox on the container host; pod container specs become container specs (command → entrypoint, args → cmd).</summary>
internal sealed class ContainerPodSandbox(Sandbox sandbox) : IPodSandbox
{
    public IPAddress Address => sandbox.Address;

    public async Task<IPodContainer> StartContainerAsync(PodContainerSpec spec, CancellationToken cancellationToken)
    {
        var (repository, digest) = SplitImageId(spec.ImageId);
        var onLog = spec.OnLog;
        var running = await sandbox.StartContainerAsync(
            new ContainerSpec
            {
                Name = spec.Name,
                Repository = repository,
                Digest = digest,
                Entrypoint = spec.Command,
                Command = spec.Args,
                Environment = spec.Environment,
                WorkingDirectory = spec.WorkingDirectory,
                MemoryLimitBytes = spec.MemoryLimitBytes,
                CpuLimit = spec.CpuLimit,
                OnLog = onLog is null ? null : line => onLog(new PodLogLine(line.Timestamp, line.Stream, line.Text)),
            },
            cancellationToken).ConfigureAwait(false);
        return new ContainerPodContainer(running);
    }

    public ValueTask DisposeAsync() => sandbox.DisposeAsync();

    /// <summary><c>&lt;registry host&gt;/&lt;repository&gt;@sha256:…</c> (what <see cref="EksImageResolver"/> returns) → repository and digest.</summary>
    internal static (string Repository, string Digest) SplitImageId(string imageId)
    {
        var slash = imageId.IndexOf('/', StringComparison.Ordinal);
        var at = imageId.IndexOf('@', StringComparison.Ordinal);
        if (slash < 0 || at < slash)
        {
            throw new ArgumentException($"The image id \"{imageId}\" is not <registry>/<repository>@<digest>.", nameof(imageId));
        }

        return (imageId[(slash + 1)..at], imageId[(at + 1)..]);
    }
}
