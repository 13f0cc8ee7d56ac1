using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Workloads;

/// <summary>
/// Runs OCI images as containers without a daemon: each <see cref="Sandbox"/> is a network namespace with a veth to the
/// host and its own address from <see cref="ContainerHostOptions.AddressPool"/> (so replicas listening on the same port never
/// clash and the host reaches them directly), and each container is a runc container in it, its root filesystem unpacked
/// from the image by umoci. One host per local cloud; disposing it stops every container and removes every namespace and veth.
/// </summary>
/// <remarks>
/// Everything the host makes is recorded under <see cref="ContainerHostOptions.StateDirectory"/> before it is made
/// (<c>sandboxes/&lt;slot&gt;.json</c>, <c>containers/&lt;id&gt;/</c>) and named with <see cref="ContainerHostOptions.NamePrefix"/>:
/// network namespaces <c>&lt;prefix&gt;-&lt;slot&gt;</c>, host veths <c>&lt;prefix&gt;v&lt;slot&gt;</c> (<c>eth0</c> inside),
/// runc containers <c>&lt;prefix&gt;-&lt;slot&gt;-&lt;name&gt;-&lt;n&gt;</c> in cgroup <c>ecr-automation/&lt;id&gt;</c>.
/// </remarks>
public sealed partial class ContainerHost : IAsyncDisposable
{
    /// <summary>How long containers get to exit after SIGTERM when their sandbox or the host is disposed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    private readonly ContainerHostOptions _options;
    private readonly AddressPool _pool;
    private readonly ConcurrentDictionary<int, Sandbox> _sandboxes = new();
    private readonly string _sandboxRecords;
    private readonly string _containerDirectories;
    private int _containerSequence;
    private int _overlayUnavailable;
    private bool _disposed;

    private ContainerHost(ContainerHostOptions options, ILogger logger)
    {
        _options = options;
        Logger = logger;
        _pool = new AddressPool(options.AddressPool);
        _sandboxRecords = Directory.CreateDirectory(Path.Combine(options.StateDirectory, "sandboxes")).FullName;
        _containerDirectories = Directory.CreateDirectory(Path.Combine(options.StateDirectory, "containers")).FullName;
        Images = new ImageCache(Directory.CreateDirectory(Path.Combine(options.StateDirectory, "images")).FullName, options.Images);
    }

    /// <summary>The sandboxes that exist now.</summary>
    public IReadOnlyCollection<Sandbox> Sandboxes => [.. _sandboxes.Values];

    internal ILogger Logger { get; }

    internal TimeProvider Time => _options.Time;

    internal ImageCache Images { get; }

    /// <summary>
    /// Starts a host on <see cref="ContainerHostOptions.StateDirectory"/>, first removing whatever an earlier host on that
    /// directory left behind (containers, processes, namespaces, veths, mounts), for example after the local cloud was killed.
    /// </summary>
    /// <param name="options">The state directory, name prefix, address pool and image store.</param>
    /// <param name="logger">Receives what the host does and anything it could not clean.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">Containers cannot run here (the message is <see cref="ContainerSupport.Reason"/>).</exception>
    /// <exception cref="ArgumentException">The name prefix or the address pool is invalid.</exception>
    public static async Task<ContainerHost> StartAsync(ContainerHostOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!NamePrefixPattern().IsMatch(options.NamePrefix))
        {
            throw new ArgumentException($"The name prefix '{options.NamePrefix}' must be 1 to 8 letters or digits (interface names are limited to 15 characters).", nameof(options));
        }

        var slots = (1L << (32 - options.AddressPool.PrefixLength)) / 4;
        if (options.NamePrefix.Length + 1 + (slots - 1).ToString(CultureInfo.InvariantCulture).Length > 15)
        {
            throw new ArgumentException($"The address pool {options.AddressPool} has too many addresses for veth names with the prefix '{options.NamePrefix}' (15 characters at most); use a /16 or smaller pool.", nameof(options));
        }

        var support = ContainerSupport.Probe();
        if (!support.CanRun)
        {
            throw new InvalidOperationException(support.Reason);
        }

        var host = new ContainerHost(options, logger);
        await host.RemoveLeftoversAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Makes a sandbox: a network namespace with loopback up and a veth pair to the host (<c>eth0</c> inside), addressed from
    /// the pool, with the host's end as its default gateway. Containers started in it share its network (an ECS awsvpc task,
    /// a Kubernetes pod).
    /// </summary>
    /// <param name="name">A readable name (task or pod name) used as the containers' host name and in logs; need not be unique.</param>
    /// <param name="cancellationToken">Cancels the creation (what was made is removed).</param>
    /// <exception cref="InvalidOperationException">The address pool is exhausted or the namespace could not be made.</exception>
    /// <exception cref="ObjectDisposedException">The host was disposed.</exception>
    public async Task<Sandbox> CreateSandboxAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Sandbox? sandbox = null;
        var machineLock = await MachineLock.AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var slot = _pool.Take(await AddressesInUseAsync(cancellationToken).ConfigureAwait(false));
            var prefix = _options.NamePrefix;
            var planned = new SandboxRecord(slot, $"{prefix}-{slot}", $"{prefix}v{slot}", Path.Combine(_sandboxRecords, $"{slot}.hosts"));
            sandbox = new Sandbox(this, planned, name, HostnameOf(name, planned.Namespace), _pool.SandboxAddressOf(slot), _pool.GatewayOf(slot));
            await File.WriteAllBytesAsync(RecordPath(slot), JsonSerializer.SerializeToUtf8Bytes(planned), CancellationToken.None).ConfigureAwait(false);
            await File.WriteAllTextAsync(planned.HostsFile, $"127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n{sandbox.Address}\t{sandbox.Hostname}\n", cancellationToken).ConfigureAwait(false);
            await Ip(cancellationToken, "netns", "add", planned.Namespace).ConfigureAwait(false);
            await Ip(cancellationToken, "link", "add", planned.HostInterface, "type", "veth", "peer", "name", "eth0", "netns", planned.Namespace).ConfigureAwait(false);

            // The gateway address on the host's veth claims the block for every host on the machine.
            await Ip(cancellationToken, "addr", "add", $"{sandbox.Gateway}/30", "dev", planned.HostInterface).ConfigureAwait(false);
        }
        catch
        {
            if (sandbox is not null)
            {
                await RemoveSandboxAsync(sandbox).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            machineLock.Dispose();
        }

        var (address, gateway) = (sandbox.Address, sandbox.Gateway);
        var record = sandbox.Record;
        try
        {
            await Ip(cancellationToken, "link", "set", record.HostInterface, "up").ConfigureAwait(false);
            await Ip(cancellationToken, "-n", record.Namespace, "addr", "add", $"{address}/30", "dev", "eth0").ConfigureAwait(false);
            await Ip(cancellationToken, "-n", record.Namespace, "link", "set", "lo", "up").ConfigureAwait(false);
            await Ip(cancellationToken, "-n", record.Namespace, "link", "set", "eth0", "up").ConfigureAwait(false);
            await Ip(cancellationToken, "-n", record.Namespace, "route", "add", "default", "via", gateway.ToString()).ConfigureAwait(false);
        }
        catch
        {
            await RemoveSandboxAsync(sandbox).ConfigureAwait(false);
            throw;
        }

        _sandboxes[record.Slot] = sandbox;
        Logger.LogInformation("Created sandbox {Sandbox} ({Namespace}) at {Address}", name, record.Namespace, address);
        return sandbox;
    }

    /// <summary>Stops every container (SIGTERM, <see cref="StopGrace"/>, SIGKILL) and removes every sandbox and what the host recorded.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Task.WhenAll(_sandboxes.Values.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    internal string NewContainerId(int slot, string name)
        => $"{_options.NamePrefix}-{slot}-{ContainerNameChars().Replace(name, "_")[..Math.Min(name.Length, 40)]}-{Interlocked.Increment(ref _containerSequence)}";

    internal string ContainerDirectory(string id) => Path.Combine(_containerDirectories, id);

    internal RuntimeLimits LimitsFor(ContainerSpec spec)
        => new(Cgroups.CanLimitMemory ? spec.MemoryLimitBytes : null, Cgroups.CanLimitCpu ? spec.CpuLimit : null);

    internal async Task CreateRootFsAsync(string imageRootFs, string directory, CancellationToken cancellationToken)
    {
        var overlay = await WritableRootFs.CreateAsync(imageRootFs, directory, Volatile.Read(ref _overlayUnavailable) == 0, cancellationToken).ConfigureAwait(false);
        if (!overlay && Interlocked.Exchange(ref _overlayUnavailable, 1) == 0)
        {
            Logger.LogWarning("overlayfs is not available under {StateDirectory}; containers get a copy of their image's files instead (slower to start for large images)", _options.StateDirectory);
        }
    }

    /// <summary>Removes a sandbox's veth, namespace and record (whatever of them exists) and frees its address.</summary>
    internal async Task RemoveSandboxAsync(Sandbox sandbox)
    {
        await RemoveSandboxAsync(sandbox.Record).ConfigureAwait(false);
        _sandboxes.TryRemove(sandbox.Record.Slot, out _);
        _pool.Free(sandbox.Record.Slot);
    }

    private async Task RemoveSandboxAsync(SandboxRecord record)
    {
        // The host end first: deleting it removes the pair at once, while a deleted namespace is torn down asynchronously.
        await Ip(CancellationToken.None, check: false, "link", "del", record.HostInterface).ConfigureAwait(false);
        await Ip(CancellationToken.None, check: false, "netns", "del", record.Namespace).ConfigureAwait(false);
        File.Delete(record.HostsFile);
        File.Delete(RecordPath(record.Slot));
    }

    /// <summary>
    /// Removes what an earlier host on this state directory left: its containers (runc state, processes, cgroups, root
    /// filesystem mounts), then its sandboxes; then anything else carrying this host's prefix (its records may be gone).
    /// </summary>
    private async Task RemoveLeftoversAsync(CancellationToken cancellationToken)
    {
        var prefix = _options.NamePrefix;
        var removed = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(_containerDirectories))
        {
            var id = Path.GetFileName(directory);
            await HostTool.RunAsync("runc", ["delete", "--force", id], cancellationToken, check: false).ConfigureAwait(false);
            KillRecordedRunc(Path.Combine(directory, "runc.pid"), id);
            await WritableRootFs.RemoveAsync(directory).ConfigureAwait(false);
            removed.Add($"container {id}");
        }

        var runcList = await HostTool.RunAsync("runc", ["list", "--quiet"], cancellationToken, check: false).ConfigureAwait(false);
        foreach (var id in Lines(runcList.Stdout).Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal)))
        {
            await HostTool.RunAsync("runc", ["delete", "--force", id], cancellationToken, check: false).ConfigureAwait(false);
            removed.Add($"runc container {id}");
        }

        foreach (var mountPoint in WritableRootFs.MountPointsUnder(_options.StateDirectory))
        {
            await HostTool.RunAsync("umount", ["-l", mountPoint], cancellationToken, check: false).ConfigureAwait(false);
            removed.Add($"mount {mountPoint}");
        }

        foreach (var file in Directory.EnumerateFiles(_sandboxRecords, "*.json"))
        {
            try
            {
                var record = Sandbox.ReadRecord(file);
                await RemoveSandboxAsync(record).ConfigureAwait(false);
                removed.Add($"sandbox {record.Namespace}");
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException)
            {
                File.Delete(file);
            }
        }

        var namespaces = await Ip(cancellationToken, check: false, "netns", "list").ConfigureAwait(false);
        foreach (var name in Lines(namespaces.Stdout).Select(l => l.Split(' ')[0]).Where(n => Regex.IsMatch(n, $"^{prefix}-[0-9]+$")))
        {
            await Ip(cancellationToken, check: false, "netns", "del", name).ConfigureAwait(false);
            removed.Add($"namespace {name}");
        }

        var links = await Ip(cancellationToken, check: false, "-o", "link", "show").ConfigureAwait(false);
        foreach (var name in Lines(links.Stdout).Select(l => l.Split(':', 3)).Where(f => f.Length == 3).Select(f => f[1].Trim().Split('@')[0]).Where(n => Regex.IsMatch(n, $"^{prefix}v[0-9]+$")))
        {
            await Ip(cancellationToken, check: false, "link", "del", name).ConfigureAwait(false);
            removed.Add($"veth {name}");
        }

        if (removed.Count > 0)
        {
            Logger.LogWarning("Removed what an earlier run left behind: {Leftovers}", string.Join(", ", removed));
        }
    }

    private void KillRecordedRunc(string pidFile, string id)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out var pid))
        {
            return;
        }

        try
        {
            // Only the runc process that ran this container: pids are reused.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            if (commandLine.Contains(id, StringComparer.Ordinal) && Path.GetFileName(commandLine[0]) == "runc")
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Gone already.
        }
    }

    /// <summary>The IPv4 addresses on the machine's interfaces (the host's network namespace).</summary>
    private static async Task<IReadOnlySet<IPAddress>> AddressesInUseAsync(CancellationToken cancellationToken)
    {
        // Lines look like: "7: lc1a2b3cv0    inet 10.213.0.1/30 scope global lc1a2b3cv0\ ..."
        var shown = await Ip(cancellationToken, "-o", "-4", "addr", "show").ConfigureAwait(false);
        return Lines(shown.Stdout)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => Array.IndexOf(fields, "inet") is var at && at >= 0 && at + 1 < fields.Length ? fields[at + 1].Split('/')[0] : null)
            .Select(text => IPAddress.TryParse(text, out var address) ? address : null)
            .OfType<IPAddress>()
            .ToHashSet();
    }

    private string RecordPath(int slot) => Path.Combine(_sandboxRecords, $"{slot}.json");

    private static string HostnameOf(string name, string fallback)
    {
        var label = HostnameChars().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return label.Length == 0 ? fallback : label[..Math.Min(label.Length, 63)].TrimEnd('-');
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<HostToolResult> Ip(CancellationToken cancellationToken, params string[] arguments)
        => HostTool.RunAsync("ip", arguments, cancellationToken);

    private static Task<HostToolResult> Ip(CancellationToken cancellationToken, bool check, params string[] arguments)
        => HostTool.RunAsync("ip", arguments, cancellationToken, check);

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex NamePrefixPattern();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex ContainerNameChars();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex HostnameChars();
}
