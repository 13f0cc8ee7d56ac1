using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Providers;
using EcrAutomation.Testing;

namespace EcrAutomation.Benchmarks.Engine;

/// <summary>
/// Engine scale: create N resources (components of 10 children chained by dependsOn), a no-op up, an up that changes
/// 1% of them, and a destroy, with a no-op in-memory provider in a fresh state root. Prints one JSON line.
/// </summary>
public static class EngineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.SkipWhile(a => a != "--resources").Skip(1).Select(int.Parse).FirstOrDefault(1000);
        var root = Directory.CreateTempSubdirectory("ecra-bench-").FullName;
        try
        {
            var provider = new NoopProvider();
            string changed = "";
            var groups = Math.Max(1, n / 11);
            var program = PulumiFn.Create(() =>
            {
                for (var g = 0; g < groups; g++)
                {
                    var group = new Bench("g" + g);
                    Resource? previous = null;
                    for (var i = 0; i < 10; i++)
                    {
                        var value = changed.Length > 0 && g % 10 == 0 && i == 0 ? changed : "v";
                        previous = new Item($"g{g}-r{i}", value, new CustomResourceOptions { Parent = group, DependsOn = previous is null ? [] : [previous] });
                    }
                }
            });
            var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("bench", "dev", program)
            {
                StateRoot = Path.Combine(root, "state"),
                WorkDir = Path.Combine(root, "work"),
                Providers = new ProviderRegistry().Add(provider, Item.TypeName),
            });
            var total = groups * 11 + 1;
            var store = new State.StackStore(Path.Combine(root, "state"));
            static async Task<double> Time(Func<Task> f) { var sw = Stopwatch.StartNew(); await f(); return sw.Elapsed.TotalSeconds; }

            var create = await Time(() => stack.UpAsync());
            // Bytes this process writes (write syscalls) during the no-op: the state files plus one small history entry.
            var written = WrittenBytes();
            var noop = await Time(() => stack.UpAsync());
            var noopBytes = WrittenBytes() - written;
            changed = "v2";
            var update = await Time(() => stack.UpAsync());
            var destroy = await Time(() => stack.DestroyAsync());
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["resources"] = total,
                ["create_s"] = Math.Round(create, 3),
                ["noop_s"] = Math.Round(noop, 3),
                ["update1pct_s"] = Math.Round(update, 3),
                ["destroy_s"] = Math.Round(destroy, 3),
                ["peak_mb"] = Math.Round(peak, 1),
                ["noop_state_bytes_written"] = noopBytes,
            }));
            return 0;
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private static long WrittenBytes() =>
        long.Parse(File.ReadAllLines("/proc/self/io").First(l => l.StartsWith("wchar:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture);

    private sealed class NoopProvider : IResourceProvider
    {
        private int _next;
        public Task<CheckResponse> CheckAsync(CheckRequest r, CancellationToken ct = default) => Task.FromResult(CheckResponse.Ok(r.NewInputs));
        public Task<DiffResponse> DiffAsync(DiffRequest r, CancellationToken ct = default) => Task.FromResult(ProviderDiff.Compare(r.OldInputs, r.NewInputs, []));
        public Task<CreateResponse> CreateAsync(CreateRequest r, CancellationToken ct = default) =>
            Task.FromResult(new CreateResponse(Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture), r.Inputs));
        public Task<ReadResponse?> ReadAsync(ReadRequest r, CancellationToken ct = default) => Task.FromResult<ReadResponse?>(new ReadResponse(r.Id, r.State ?? PropertyMap.Empty));
        public Task<Providers.UpdateResponse> UpdateAsync(UpdateRequest r, CancellationToken ct = default) => Task.FromResult(new Providers.UpdateResponse(r.NewInputs));
        public Task DeleteAsync(DeleteRequest r, CancellationToken ct = default) => Task.CompletedTask;
    }

    private sealed class Bench(string name) : ComponentResource("bench:index:Group", name);

    private sealed class ItemArgs : ResourceArgs
    {
        [Input("value")] public Input<string>? Value { get; set; }
    }

    private sealed class Item(string name, string value, CustomResourceOptions options)
        : CustomResource(TypeName, name, new ItemArgs { Value = value }, options)
    {
        public const string TypeName = "bench:index:Item";
    }
}
