using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Tests.Controllers;

/// <summary>A real store in a temp folder with the cluster controllers running on it, and an image registry the test fills.</summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("k8s-controllers-").FullName;

    public ControllerHarness()
    {
        Store = ObjectStore.Open(_directory);
        Controllers = StartControllers();
    }

    /// <summary>Images that "exist" (repository:tag → digest reference); everything else fails to pull.</summary>
    public ConcurrentDictionary<string, string> Images { get; } = new(StringComparer.Ordinal);

    public ObjectStore Store { get; private set; }

    public ClusterControllers Controllers { get; private set; }

    public ClusterControllers StartControllers() => ClusterControllers.Start(Store, new ClusterControllerOptions
    {
        ResolveImageAsync = (image, _) => ValueTask.FromResult(Images.TryGetValue(image, out var id)
            ? ImageResolution.Found(id)
            : ImageResolution.Failed($"{image}: not found")),
        ImagePullRetryInterval = TimeSpan.FromMilliseconds(200),
    });

    /// <summary>Stops controllers and store and opens both again on the same folder (a local cloud restart).</summary>
    public async Task RestartAsync()
    {
        await Controllers.DisposeAsync();
        await Store.DisposeAsync();
        Store = ObjectStore.Open(_directory);
        Controllers = StartControllers();
    }

    public void Push(string image) => Images[image] = image.Split(':')[0] + "@sha256:" + new string('a', 64);

    public Task<JsonObject> CreateAsync(GroupVersionResource resource, string json) => Store.CreateAsync(resource, (JsonObject)JsonNode.Parse(json)!);

    /// <summary>Polls the store until <paramref name="condition"/> holds (generous timeout: the machine is shared and slow).</summary>
    public async Task<T> EventuallyAsync<T>(Func<T?> probe, Func<T, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        T? last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = probe();
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Timed out waiting for {what}; last seen: {(last is JsonNode node ? node.ToJsonString() : last?.ToString())}");
    }

    public Task<JsonObject> DeploymentAsync(string name, Func<JsonObject, bool> condition, string what)
        => EventuallyAsync(() => Store.Get(KubernetesResources.Deployments, "default", name), condition, what);

    public static string DeploymentJson(string name, string image, int replicas = 2, string strategy = "", int progressDeadlineSeconds = 600) => $$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"default"},
         "spec":{"replicas":{{{replicas}}},"progressDeadlineSeconds":{{{progressDeadlineSeconds}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},{{{strategy}}}
          "template":{"metadata":{"labels":{"app":"{{{name}}}"}},"spec":{"containers":[{"name":"app","image":"{{{image}}}","ports":[{"name":"http","containerPort":8080}]}]} } } }
        """;

    public static bool IsAvailable(JsonObject deployment)
        => deployment["status"]?["conditions"] is JsonArray conditions
           && conditions.Any(c => c!["type"]!.GetValue<string>() == "Available" && c["status"]!.GetValue<string>() == "True")
           && conditions.Any(c => c!["type"]!.GetValue<string>() == "Progressing" && c["reason"]?.GetValue<string>() == "NewReplicaSetAvailable")
           && deployment["status"]?["observedGeneration"]?.GetValue<long>() == deployment["metadata"]!["generation"]!.GetValue<long>();

    public List<JsonObject> Pods(string app)
        => [.. Store.List(KubernetesResources.Pods, new ObjectListOptions { Namespace = "default", LabelSelector = "app=" + app }).Items];

    public List<JsonObject> ReplicaSets(string app)
        => [.. Store.List(KubernetesResources.ReplicaSets, new ObjectListOptions { Namespace = "default", LabelSelector = "app=" + app }).Items];

    public async ValueTask DisposeAsync()
    {
        await Controllers.DisposeAsync();
        await Store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
