using EcrAutomation.Images.Oci;

namespace EcrAutomation.Workloads;

/// <summary>The container process as it will run: arguments, environment (<c>KEY=value</c>), working directory and user.</summary>
internal sealed record RuntimeProcess(IReadOnlyList<string> Arguments, IReadOnlyList<string> Environment, string WorkingDirectory, ImageUser User)
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// Combines the spec with the image config as Docker, ECS and Kubernetes do: an Entrypoint in the spec drops the image's
    /// Cmd unless the spec's Command is set too; the spec's environment is set over the image's; PATH, HOSTNAME and HOME are
    /// filled in when neither sets them.
    /// </summary>
    public static RuntimeProcess Resolve(ContainerSpec spec, ContainerConfig? image, string hostname, string rootfs)
    {
        var entrypoint = spec.Entrypoint ?? image?.Entrypoint ?? [];
        var command = spec.Entrypoint is not null ? spec.Command ?? [] : spec.Command ?? image?.Cmd ?? [];
        var arguments = entrypoint.Concat(command).ToList();
        if (arguments.Count == 0)
        {
            throw new ContainerStartException("CannotStartContainerError", $"container {spec.Name}: no command specified: the image has no Entrypoint or Cmd and the container sets none");
        }

        var user = ImageUser.Resolve(spec.User ?? image?.User, rootfs);
        var environment = new List<KeyValuePair<string, string>>();
        void Set(string key, string value)
        {
            var index = environment.FindIndex(e => e.Key == key);
            if (index >= 0)
            {
                environment[index] = new(key, value);
            }
            else
            {
                environment.Add(new(key, value));
            }
        }

        Set("PATH", DefaultPath);
        Set("HOSTNAME", hostname);
        foreach (var entry in image?.Env ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            Set(equals < 0 ? entry : entry[..equals], equals < 0 ? "" : entry[(equals + 1)..]);
        }

        foreach (var (key, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            Set(key, value);
        }

        if (!environment.Exists(e => e.Key == "HOME"))
        {
            Set("HOME", user.Home);
        }

        var workingDirectory = spec.WorkingDirectory ?? image?.WorkingDir;
        return new RuntimeProcess(
            arguments,
            environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            string.IsNullOrEmpty(workingDirectory) ? "/" : workingDirectory,
            user);
    }
}
