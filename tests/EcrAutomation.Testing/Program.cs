using EcrAutomation.Automation;
using EcrAutomation.Testing;

using System.Diagnostics;

// A tiny host for crash tests: `EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]`
// deploys <groups> components of 3 file-backed things each. With killAfterCreates it sends itself SIGKILL right after
// that many creates have reached the "cloud" (other creates still in flight), wherever the engine is at that instant.
if (args is not ["up", var stateRoot, var cloudDir, var groupsText, var delayText, ..])
{
    Console.Error.WriteLine("usage: EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs> [killAfterCreates]");
    return 2;
}
var provider = new FileCloudProvider(cloudDir) { Delay = TimeSpan.FromMilliseconds(int.Parse(delayText)) };
if (args.Length > 5 && int.TryParse(args[5], out var killAfter))
    provider.AfterCreate = count => { if (count >= killAfter) Process.GetCurrentProcess().Kill(); };
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
