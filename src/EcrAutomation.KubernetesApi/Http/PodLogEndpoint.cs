using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log</c> (<c>kubectl logs</c>): what a container wrote, from the kubelet's log
/// files, with <c>container</c>, <c>previous</c>, <c>tailLines</c>, <c>sinceSeconds</c>, <c>timestamps</c> and <c>follow</c>
/// (streams new lines until the container instance ends or the client goes). Pods that run without a runtime have no output.
/// </summary>
internal sealed class PodLogEndpoint(ObjectStore store, TimeProvider time, CancellationToken serverStopping)
{
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(200);

    public async Task HandleAsync(HttpContext context, ResourcePath path)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        var name = path.Name!;
        var pod = store.Get(KubernetesResources.Pods, path.Namespace, name)
            ?? throw ApiStatus.NotFound($"pods \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = "pods" });
        var names = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["name"].Text() ?? string.Empty).ToList();
        var container = ResourcePath.Query(context, "container") is { Length: > 0 } asked
            ? asked
            : names.Count == 1 ? names[0] : throw ApiStatus.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', names)}]");
        if (!names.Contains(container, StringComparer.Ordinal))
        {
            throw ApiStatus.BadRequest($"container {container} is not valid for pod {name}");
        }

        var status = ContainerStatus(pod, container);
        var restartCount = status?["restartCount"].Int(0) ?? 0;
        var directory = PodLogFiles.PodDirectory(store.DataDirectory, pod.Namespace(), name, pod.Uid());
        var previous = Flag(context, "previous");
        var file = PodLogFiles.InstanceFile(directory, container, previous ? restartCount - 1 : restartCount);
        if (previous && (restartCount == 0 || !File.Exists(file)))
        {
            throw ApiStatus.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }

        if (!previous && !File.Exists(file) && status?["state"]?["waiting"] is JsonObject waiting && Directory.Exists(directory))
        {
            throw ApiStatus.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {waiting["reason"].Text()}");
        }

        var timestamps = Flag(context, "timestamps");
        var since = int.TryParse(ResourcePath.Query(context, "sinceSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? time.GetUtcNow().AddSeconds(-seconds)
            : (DateTimeOffset?)null;
        var lines = ReadLines(file, 0, out var offset).Where(l => since is null || Timestamp(l) >= since).ToList();
        if (int.TryParse(ResourcePath.Query(context, "tailLines"), NumberStyles.None, CultureInfo.InvariantCulture, out var tail) && lines.Count > tail)
        {
            lines = lines[^tail..];
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        await WriteAsync(context, lines, timestamps).ConfigureAwait(false);
        if (previous || !Flag(context, "follow"))
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        try
        {
            while (true)
            {
                await Task.Delay(FollowPollInterval, time, stop.Token).ConfigureAwait(false);
                var live = store.Get(KubernetesResources.Pods, path.Namespace, name);
                var liveStatus = live?.Uid() == pod.Uid() ? ContainerStatus(live, container) : null;
                var ended = liveStatus is null || liveStatus["restartCount"].Int(0) != restartCount || liveStatus["state"]?["running"] is null;
                await WriteAsync(context, ReadLines(file, offset, out offset), timestamps).ConfigureAwait(false);
                if (ended)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static JsonObject? ContainerStatus(JsonObject pod, string container)
        => (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(s => s["name"].Text() == container);

    private static async Task WriteAsync(HttpContext context, List<string> lines, bool timestamps)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(PodLogFiles.Render(line, timestamps)).Append('\n');
        }

        await context.Response.WriteAsync(text.ToString(), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The complete lines of <paramref name="file"/> after byte <paramref name="from"/>; <paramref name="next"/> is where the next read starts.</summary>
    private static List<string> ReadLines(string file, long from, out long next)
    {
        next = from;
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length <= from)
        {
            return [];
        }

        stream.Position = from;
        var bytes = new byte[stream.Length - from];
        stream.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return [];
        }

        next = from + end + 1;
        return [.. Encoding.UTF8.GetString(bytes, 0, end).Split('\n')];
    }

    private static DateTimeOffset Timestamp(string stored)
        => DateTimeOffset.TryParse(stored.Split(' ', 2)[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;

    private static bool Flag(HttpContext context, string name) => ResourcePath.Query(context, name) is "true" or "1";
}
