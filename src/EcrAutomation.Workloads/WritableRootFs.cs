namespace EcrAutomation.Workloads;

/// <summary>
/// Gives each container its own writable root filesystem over the cached image: an overlay mount (the image as the lower
/// layer, the container's writes in its own upper directory; instant whatever the image's size), or, where overlayfs is not
/// available (a state directory on overlayfs itself, for example), a copy.
/// </summary>
internal static class WritableRootFs
{
    /// <summary>Makes <c>&lt;containerDirectory&gt;/rootfs</c>; returns whether it is an overlay mount.</summary>
    public static async Task<bool> CreateAsync(string imageRootFs, string containerDirectory, bool tryOverlay, CancellationToken cancellationToken)
    {
        var rootfs = Directory.CreateDirectory(Path.Combine(containerDirectory, "rootfs")).FullName;
        if (tryOverlay)
        {
            var upper = Directory.CreateDirectory(Path.Combine(containerDirectory, "upper")).FullName;
            var work = Directory.CreateDirectory(Path.Combine(containerDirectory, "work")).FullName;
            var mounted = await HostTool.RunAsync(
                "mount",
                ["-t", "overlay", "overlay", "-o", $"lowerdir={imageRootFs},upperdir={upper},workdir={work}", rootfs],
                cancellationToken,
                check: false).ConfigureAwait(false);
            if (mounted.ExitCode == 0)
            {
                return true;
            }
        }

        await HostTool.RunAsync("cp", ["-a", imageRootFs + "/.", rootfs], cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Unmounts (when mounted) and deletes a container's directory.</summary>
    public static async Task RemoveAsync(string containerDirectory)
    {
        foreach (var mountPoint in MountPointsUnder(containerDirectory))
        {
            await HostTool.RunAsync("umount", ["-l", mountPoint], CancellationToken.None, check: false).ConfigureAwait(false);
        }

        if (Directory.Exists(containerDirectory))
        {
            Directory.Delete(containerDirectory, recursive: true);
        }
    }

    /// <summary>The mount points at or below <paramref name="directory"/>, deepest first (from /proc/self/mountinfo).</summary>
    public static IReadOnlyList<string> MountPointsUnder(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .Where(point => point == full || point.StartsWith(full + "/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(point => point.Length)
            .ToList();
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var builder = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }

        return builder.ToString();
    }
}
