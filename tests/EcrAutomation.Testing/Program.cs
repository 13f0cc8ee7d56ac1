using EcrAutomation.Automation;
using EcrAutomation.Testing;

// A tiny host for crash tests: `EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs>` deploys
// <groups> components of 3 file-backed things each. Tests kill it with SIGKILL at random moments.
if (args is not ["up", var stateRoot, var cloudDir, var groupsText, var delayText])
{
    Console.Error.WriteLine("usage: EcrAutomation.Testing up <stateRoot> <cloudDir> <groups> <delayMs>");
    return 2;
}
var provider = new FileCloudProvider(cloudDir) { Delay = TimeSpan.FromMilliseconds(int.Parse(delayText)) };
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
