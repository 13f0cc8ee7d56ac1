using System.Diagnostics;
using EcrAutomation.Automation;
using EcrAutomation.State;
using EcrAutomation.State.S3;
using EcrAutomation.Testing;
using EcrAutomation.Testing.Infrastructure;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging.Abstractions;

// A tiny host for crash and lock tests.
//   up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]: deploys <groups> components of 3 file-backed things
//     each. With killAfterCreates it sends itself SIGKILL right after that many creates have reached the "cloud" (other
//     creates still in flight), wherever the engine is at that instant. PULUMI_BACKEND_URL (s3:// too) and
//     ECR_AUTOMATION_LOCK_LEASE are honoured as by any workspace.
//   cluster-up <stateRoot> <cloudDir> <cluster> [killAfterCreates]: deploys ClusterThings.Program, an explicit provider
//     naming <cluster> and its things (a change of cluster replaces them all).
//   lock-race <backendUrl> <index> <processes> <rounds> <barrierDir>: in each round, once all <processes> reached it and
//     the last round's winner released, tries to take the lock of stack race/dev and prints "<round> won <pid>" or
//     "<round> lost <holderPid> <message>".
//   run-container <stateDir> <prefix> <layoutDir> <digest>: starts a container host and one container of the image
//     <digest> (from the OCI layout <layoutDir>) in a sandbox, prints "ready <address>" and waits to be killed (the
//     container runner's crash tests kill it with SIGKILL and check the next host on <stateDir> cleans up).
return args switch
{
    ["up", var stateRoot, var cloudDir, var groupsText, var delayText, ..] => await UpAsync(stateRoot, cloudDir, int.Parse(groupsText), int.Parse(delayText), args.Length > 5 ? int.Parse(args[5]) : null),
    ["cluster-up", var stateRoot, var cloudDir, var cluster, ..] => await ClusterUpAsync(stateRoot, cloudDir, cluster, args.Length > 4 ? int.Parse(args[4]) : null),
    ["lock-race", var url, var index, var processes, var rounds, var barrier] => LockRace(url, int.Parse(index), int.Parse(processes), int.Parse(rounds), barrier),
    ["run-container", var stateDir, var prefix, var layoutDir, var digest] => await RunContainerAsync(stateDir, prefix, layoutDir, digest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]\n" +
        "       EcrAutomation.Testing cluster-up <stateRoot> <cloudDir> <cluster> [killAfterCreates]\n" +
        "       EcrAutomation.Testing lock-race <backendUrl> <index> <processes> <rounds> <barrierDir>\n" +
        "       EcrAutomation.Testing run-container <stateDir> <prefix> <layoutDir> <digest>");
    return 2;
}

static Action<int> KillAfter(int creates) => count => { if (count >= creates) Process.GetCurrentProcess().Kill(); };

static async Task<int> UpAsync(string stateRoot, string cloudDir, int groups, int delayMs, int? killAfter)
{
    var provider = new FileCloudProvider(cloudDir) { Delay = TimeSpan.FromMilliseconds(delayMs) };
    if (killAfter is { } n) provider.AfterCreate = KillAfter(n);
    return await RunAsync(stateRoot, PulumiFn.Create(() =>
    {
        for (var g = 0; g < groups; g++) new Group($"g{g}", 3, "v");
    }), FileCloudProvider.Registry(provider), parallel: 16);
}

static async Task<int> ClusterUpAsync(string stateRoot, string cloudDir, string cluster, int? killAfter)
{
    var provider = new ClusterCloudProvider(cloudDir);
    if (killAfter is { } n) provider.AfterCreate = KillAfter(n);
    return await RunAsync(stateRoot, ClusterThings.Program(cluster), provider.Registry(), parallel: null);
}

static async Task<int> RunAsync(string stateRoot, PulumiFn program, EcrAutomation.Providers.ProviderRegistry providers, int? parallel)
{
    var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("crash", "dev", program)
    {
        StateRoot = stateRoot,
        WorkDir = Path.Combine(stateRoot, "work"),
        Providers = providers,
        StateStorageFactory = S3StateStorage.Open,
    });
    var result = await stack.UpAsync(new UpOptions { Parallel = parallel });
    Console.WriteLine(string.Join(",", result.Summary.ResourceChanges!.Select(kv => $"{kv.Key}={kv.Value}")));
    return 0;
}

static int LockRace(string url, int index, int processes, int rounds, string barrierDir)
{
    void Barrier(int step)
    {
        var dir = Directory.CreateDirectory(Path.Combine(barrierDir, step.ToString())).FullName;
        File.WriteAllText(Path.Combine(dir, index.ToString()), "");
        while (Directory.GetFiles(dir).Length < processes) Thread.Sleep(1);
    }

    IStateStorage storage = url.StartsWith("file://", StringComparison.Ordinal) ? new FileStateStorage(url["file://".Length..]) : S3StateStorage.Open(new Uri(url));
    var store = new StackStore(storage);
    StackLock? won = null;
    for (var round = 0; round < rounds; round++)
    {
        // Everyone is done with the last round before its winner releases, and everyone waits for that release: the
        // attempts really race, and a loser can only be told about this round's winner.
        Barrier(2 * round);
        won?.Dispose();
        won = null;
        Barrier((2 * round) + 1);
        try
        {
            won = store.AcquireLock("race", "dev", operation: "race");
            Console.WriteLine($"{round} won {Environment.ProcessId}");
        }
        catch (StackLockedException e)
        {
            Console.WriteLine($"{round} lost {e.Holder?.Pid} {e.Message.ReplaceLineEndings(" ")}");
        }
    }
    Barrier(2 * rounds);
    won?.Dispose();
    return 0;
}

static async Task<int> RunContainerAsync(string stateDir, string prefix, string layoutDir, string digest)
{
    var host = await ContainerHost.StartAsync(
        new ContainerHostOptions { StateDirectory = stateDir, NamePrefix = prefix, Images = new OciLayoutImageStore(layoutDir) },
        NullLogger.Instance);
    var sandbox = await host.CreateSandboxAsync("crash");
    await sandbox.StartContainerAsync(new ContainerSpec { Name = "app", Repository = "test/app", Digest = digest });
    Console.WriteLine($"ready {sandbox.Address}");
    await Task.Delay(Timeout.Infinite);
    return 0;
}
