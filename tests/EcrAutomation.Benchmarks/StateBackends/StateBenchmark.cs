using System.Diagnostics;
using System.Text.Json;
using Amazon.S3;
using EcrAutomation.Automation;
using EcrAutomation.LocalCloud;
using EcrAutomation.State;
using EcrAutomation.State.S3;
using EcrAutomation.Testing;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Benchmarks.StateBackends;

/// <summary>
/// State backends: a no-op up of a 1,000-resource stack on S3 (the local cloud's, through a request-counting proxy) and
/// on a folder, the PUTs the S3 no-op makes, and a lock acquire + release round trip on S3. Prints one JSON line.
/// </summary>
public static class StateBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var groups = args.SkipWhile(a => a != "--groups").Skip(1).Select(int.Parse).FirstOrDefault(250); // 250 x (group + 3 things) + stack = 1,001
        var locks = args.SkipWhile(a => a != "--locks").Skip(1).Select(int.Parse).FirstOrDefault(50);
        FakeAwsEnvironment.ApplyToProcess();
        var root = Directory.CreateTempSubdirectory("ecra-bench-state-").FullName;
        try
        {
            await using var cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
            {
                Port = 0,
                DataDirectory = Path.Combine(root, "cloud"),
                WriteStateFile = false,
                LifecyclePolicyInterval = null,
            });
            await using var proxy = await FaultInjectingProxy.StartAsync(cloud.Endpoint);
            using (var client = new AmazonS3Client(new AmazonS3Config { ServiceURL = proxy.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = FakeAwsEnvironment.Region }))
                await client.PutBucketAsync("bench");
            var s3Url = $"s3://bench/state?region={FakeAwsEnvironment.Region}&endpoint={Uri.EscapeDataString(proxy.Endpoint.ToString().TrimEnd('/'))}";

            var s3Stack = await StackAsync(root, "s3", groups, s3Url);
            await s3Stack.UpAsync();
            var before = proxy.Requests.Count;
            var s3Noop = await TimeAsync(() => s3Stack.UpAsync());
            var puts = proxy.Requests.Skip(before).Count(r => r.StartsWith("PUT ", StringComparison.Ordinal));

            var fileStack = await StackAsync(root, "file", groups, "file://" + Path.Combine(root, "file-state"));
            await fileStack.UpAsync();
            var fileNoop = await TimeAsync(() => fileStack.UpAsync());

            var store = new StackStore(S3StateStorage.Open(new Uri(s3Url)));
            store.AcquireLock("bench", "locks").Dispose(); // warm up the client
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < locks; i++) store.AcquireLock("bench", "locks").Dispose();
            var lockRtt = watch.Elapsed.TotalMilliseconds / locks;

            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["resources"] = groups * 4 + 1,
                ["s3_noop_s"] = Math.Round(s3Noop, 3),
                ["file_noop_s"] = Math.Round(fileNoop, 3),
                ["lock_rtt_ms"] = Math.Round(lockRtt, 2),
                ["s3_puts_noop"] = puts,
            }));
            return 0;
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }

    private static Task<WorkspaceStack> StackAsync(string root, string name, int groups, string backendUrl) =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("bench", "dev", PulumiFn.Create(() =>
        {
            for (var g = 0; g < groups; g++) new Group($"g{g}", 3, "v");
        }))
        {
            WorkDir = Path.Combine(root, name, "work"),
            StateRoot = Path.Combine(root, name),
            Providers = FileCloudProvider.Registry(new FileCloudProvider(Path.Combine(root, name, "things"))),
            BackendUrl = backendUrl,
            StateStorageFactory = S3StateStorage.Open,
        });
}
