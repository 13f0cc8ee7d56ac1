using System.Text.Json.Nodes;

namespace EcrAutomation.Workloads;

/// <summary>
/// Writes the OCI runtime configuration (a bundle's <c>config.json</c>) runc starts a container from: the process, the
/// namespaces (the sandbox's network namespace joined by path, the others new), the usual mounts, Docker's default
/// capabilities and masked paths, and the cgroup limits.
/// </summary>
internal static class RuntimeSpec
{
    private static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ];

    private static readonly string[] ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    public static JsonObject Create(RuntimeProcess process, string hostname, string networkNamespacePath, string hostsFile, string cgroupsPath, RuntimeLimits limits)
    {
        var resources = new JsonObject { ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }) };
        if (limits.MemoryBytes is { } memory)
        {
            resources["memory"] = new JsonObject { ["limit"] = memory };
        }

        if (limits.Cpus is { } cpus)
        {
            const long Period = 100_000;
            resources["cpu"] = new JsonObject { ["quota"] = Math.Max(1000, (long)Math.Round(cpus * Period)), ["period"] = Period };
        }

        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = new JsonObject
            {
                ["terminal"] = false,
                ["user"] = new JsonObject
                {
                    ["uid"] = process.User.Uid,
                    ["gid"] = process.User.Gid,
                    ["additionalGids"] = Array(process.User.AdditionalGids.Select(g => JsonValue.Create(g))),
                },
                ["args"] = Array(process.Arguments.Select(a => JsonValue.Create(a))),
                ["env"] = Array(process.Environment.Select(e => JsonValue.Create(e))),
                ["cwd"] = process.WorkingDirectory,
                ["capabilities"] = new JsonObject
                {
                    ["bounding"] = Capabilities(),
                    ["effective"] = Capabilities(),
                    ["permitted"] = Capabilities(),
                },
                ["noNewPrivileges"] = false,
            },
            ["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false },
            ["hostname"] = hostname,
            ["mounts"] = new JsonArray(
                Mount("/proc", "proc", "proc"),
                Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
                Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
                Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"),
                Mount("/etc/hosts", "bind", hostsFile, "rbind", "rprivate", "ro")),
            ["linux"] = new JsonObject
            {
                ["resources"] = resources,
                ["cgroupsPath"] = cgroupsPath,
                ["namespaces"] = new JsonArray(
                    new JsonObject { ["type"] = "pid" },
                    new JsonObject { ["type"] = "ipc" },
                    new JsonObject { ["type"] = "uts" },
                    new JsonObject { ["type"] = "mount" },
                    new JsonObject { ["type"] = "network", ["path"] = networkNamespacePath }),
                ["maskedPaths"] = Array(MaskedPaths.Select(p => JsonValue.Create(p))),
                ["readonlyPaths"] = Array(ReadonlyPaths.Select(p => JsonValue.Create(p))),
            },
        };
    }

    private static JsonArray Capabilities() => Array(DefaultCapabilities.Select(c => JsonValue.Create(c)));

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    private static JsonObject Mount(string destination, string type, string source, params string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Array(options.Select(o => JsonValue.Create(o))),
    };
}
