// Deploys the seed's repository (an awsx ECR repository with its lifecycle policy) to a local cloud started from code,
// prints its URL and destroys it. Everything runs in this process except moto_server, which the local cloud starts.
using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;

var work = Directory.CreateTempSubdirectory("embedded-deploy-").FullName;
await using var cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
{
    Port = 0,                                   // any free loopback port
    DataDirectory = Path.Combine(work, "cloud"),
    WriteStateFile = false,                     // in-process: not for `ecr-automation local status`
});

var program = PulumiFn.Create(() =>
{
    var repository = new EcrAutomation.Awsx.Ecr.Repository("repository");
    return new Dictionary<string, object?> { ["url"] = repository.Url };
});

var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("embedded", "dev", program)
{
    WorkDir = Path.Combine(work, "project"),
    StateRoot = Path.Combine(work, "state"),
    Providers = AwsProviders.Register(new ProviderRegistry()),
    EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "sample-passphrase" },
});

// Which cloud the stack deploys to is stack configuration: the local cloud's endpoint, its region, any credentials.
await stack.SetConfigAsync("aws:region", new ConfigValue(cloud.Region));
await stack.SetConfigAsync("aws:endpoint", new ConfigValue(cloud.Endpoint.ToString()));
await stack.SetConfigAsync("aws:accessKey", new ConfigValue("AKIDLOCALCLOUD000000"));
await stack.SetConfigAsync("aws:secretKey", new ConfigValue("local-cloud-secret", IsSecret: true));

var up = await stack.UpAsync();
Console.WriteLine($"url: {up.Outputs["url"].Value}");

var destroy = await stack.DestroyAsync();
Console.WriteLine($"destroy: {destroy.Summary.Result}");
