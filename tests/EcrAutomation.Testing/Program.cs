using EcrAutomation.Automation;
using EcrAutomation.Testing;

using System.Diagnostics;

// A tiny host for crash tests; with killAfterCreates it sends itself SIGKILL right after that many creates have reached the
// "cloud" (other creates still in flight), wherever the engine is at that instant.
// `EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]` deploys <groups> components of 3
// file-backed things each.
// `EcrAutomation.Testing cluster-up <stateRoot> <cloudDir> <cluster> [killAfterCreates]` deploys ClusterThings.Program:
// an explicit provider naming <cluster> and its things (a change of cluster replaces them all).
switch (args)
{
    case ["up", var stateRoot, var cloudDir, var groupsText, var delayText, ..]:
    {
        var provider = new FileCloudProvider(cloudDir) { Delay = TimeSpan.FromMilliseconds(int.Parse(delayText)) };
        if (args.Length > 5 && int.TryParse(args[5], out var killAfter)) provider.AfterCreate = KillAfter(killAfter);
        var groups = int.Parse(groupsText);
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("crash", "dev", PulumiFn.Create(() =>
        {
            for (var g = 0; g < groups; g++) new Group($"g{g}", 3, "v");
        }))
        {
            StateRoot = stateRoot,
            WorkDir = Path.Combine(stateRoot, "work"),
            Providers = FileCloudProvider.Registry(provider),
        });
        var result = await stack.UpAsync(new UpOptions { Parallel = 16 });
        Console.WriteLine(string.Join(",", result.Summary.ResourceChanges!.Select(kv => $"{kv.Key}={kv.Value}")));
        return 0;
    }
    case ["cluster-up", var stateRoot, var cloudDir, var cluster, ..]:
    {
        var provider = new ClusterCloudProvider(cloudDir);
        if (args.Length > 4 && int.TryParse(args[4], out var killAfter)) provider.AfterCreate = KillAfter(killAfter);
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("crash", "dev", ClusterThings.Program(cluster))
        {
            StateRoot = stateRoot,
            WorkDir = Path.Combine(stateRoot, "work"),
            Providers = provider.Registry(),
        });
        var result = await stack.UpAsync();
        Console.WriteLine(string.Join(",", result.Summary.ResourceChanges!.Select(kv => $"{kv.Key}={kv.Value}")));
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]\n" +
            "       EcrAutomation.Testing cluster-up <stateRoot> <cloudDir> <cluster> [killAfterCreates]");
        return 2;
}

static Action<int> KillAfter(int creates) => count => { if (count >= creates) Process.GetCurrentProcess().Kill(); };
