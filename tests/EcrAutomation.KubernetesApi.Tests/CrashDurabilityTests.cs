using System.Diagnostics;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task A_kill_9_in_the_middle_of_concurrent_writes_loses_no_acknowledged_object_and_the_store_opens_again()
    {
        var directory = Directory.CreateTempSubdirectory("k8s-crash-").FullName;
        try
        {
            var acknowledged = new List<string>();
            using (var writer = Process.Start(StoreWriterProgram.Command(directory))!)
            {
                while (acknowledged.Count < 300 && await writer.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("acked ", StringComparison.Ordinal))
                    {
                        acknowledged.Add(line["acked ".Length..]);
                    }
                }

                writer.Kill(entireProcessTree: true);
                await writer.WaitForExitAsync();
            }

            acknowledged.Count.ShouldBe(300, "the writer stopped before acknowledging 300 writes");
            await using var store = Storage.ObjectStore.Open(directory);
            var missing = acknowledged.Where(name => store.Get(KubernetesResources.ConfigMaps, "default", name) is null).ToList();
            missing.ShouldBeEmpty();
            await store.CreateAsync(KubernetesResources.ConfigMaps, new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "after-crash", ["namespace"] = "default" },
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
