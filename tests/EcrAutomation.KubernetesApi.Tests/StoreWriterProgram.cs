using System.Diagnostics;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Tests;

/// <summary>
/// Entry point of the test assembly: <c>dotnet exec EcrAutomation.KubernetesApi.Tests.dll write-configmaps &lt;data dir&gt;</c>
/// opens a store and writes config maps from several writers until killed, printing <c>acked &lt;name&gt;</c> for every
/// write the store acknowledged, so a test can kill -9 it mid-write and check that no acknowledged write was lost.
/// </summary>
public static class StoreWriterProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["write-configmaps", var dataDirectory])
        {
            await Console.Error.WriteLineAsync("usage: write-configmaps <data directory>");
            return 2;
        }

        var store = ObjectStore.Open(dataDirectory);
        var output = TextWriter.Synchronized(Console.Out);
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var name = $"w{writer}-{i}";
                await store.CreateAsync(KubernetesResources.ConfigMaps, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "ConfigMap",
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
                    ["data"] = new JsonObject { ["payload"] = new string('x', 2048) },
                });
                output.WriteLine($"acked {name}");
                output.Flush();
            }
        }));
        await Task.WhenAll(writers);
        return 0;
    }

    public static ProcessStartInfo Command(string dataDirectory) => new("dotnet")
    {
        ArgumentList = { "exec", typeof(StoreWriterProgram).Assembly.Location, "write-configmaps", dataDirectory },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
}
