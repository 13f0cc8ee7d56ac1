using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud.Ecr;
using EcrAutomation.LocalCloud.Moto;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// The ECS API (<c>X-Amz-Target: AmazonEC2ContainerServiceV20141113.*</c>). moto keeps clusters, task definitions and
/// services; when the local cloud runs containers, service changes are passed to the <see cref="EcsScheduler"/>, the
/// services moto describes are patched with the scheduler's counts, deployments and events, and task calls
/// (ListTasks, DescribeTasks, StopTask) are answered from the tasks really running. Without containers, every call is moto's.
/// </summary>
internal sealed partial class EcsApi(MotoProxy proxy, EcsScheduler scheduler, string accountId, int? recordedRunningTasks)
{
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";

    public async Task HandleAsync(HttpContext context, string operation)
    {
        var intercepted = scheduler.Runs
            ? operation is "CreateService" or "UpdateService" or "DeleteService" or "DescribeServices" or "DeleteCluster" or "ListTasks" or "DescribeTasks" or "StopTask"
            : operation is "DescribeServices";
        if (!intercepted)
        {
            await proxy.ForwardAsync(context).ConfigureAwait(false);
            return;
        }

        var request = await MotoRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        JsonObject body;
        try
        {
            body = request.Body.Length == 0 ? new JsonObject() : JsonNode.Parse(request.Body)?.AsObject() ?? new JsonObject();
        }
        catch (System.Text.Json.JsonException)
        {
            await EcrApi.WriteErrorAsync(context, 400, "SerializationException", "The request body is not valid JSON.").ConfigureAwait(false);
            return;
        }

        var cluster = ClusterName(body["cluster"]?.GetValue<string>());
        switch (operation)
        {
            case "ListTasks":
                await WriteAsync(context, new JsonObject
                {
                    ["taskArns"] = new JsonArray([.. scheduler.ListTasks(
                        cluster, body["serviceName"]?.GetValue<string>(), body["desiredStatus"]?.GetValue<string>(),
                        body["family"]?.GetValue<string>(), body["startedBy"]?.GetValue<string>()).Select(a => JsonValue.Create(a))]),
                }).ConfigureAwait(false);
                return;
            case "DescribeTasks":
                var tasks = new JsonArray();
                var failures = new JsonArray();
                foreach (var task in body["tasks"]?.AsArray().Select(t => t!.GetValue<string>()) ?? [])
                {
                    if (scheduler.DescribeTask(cluster, task) is { } found)
                    {
                        tasks.Add(found);
                    }
                    else
                    {
                        failures.Add(new JsonObject { ["arn"] = task.StartsWith("arn:", StringComparison.Ordinal) ? task : $"arn:aws:ecs:{Region(request)}:{accountId}:task/{cluster}/{task}", ["reason"] = "MISSING" });
                    }
                }

                await WriteAsync(context, new JsonObject { ["tasks"] = tasks, ["failures"] = failures }).ConfigureAwait(false);
                return;
            case "StopTask":
                var stopped = scheduler.StopTask(cluster, body["task"]?.GetValue<string>() ?? string.Empty, body["reason"]?.GetValue<string>());
                if (stopped is null)
                {
                    await EcrApi.WriteErrorAsync(context, 400, "InvalidParameterException", "The referenced task was not found.").ConfigureAwait(false);
                    return;
                }

                await WriteAsync(context, new JsonObject { ["task"] = stopped }).ConfigureAwait(false);
                return;
        }

        using var response = await proxy.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response is null || !response.IsSuccessStatusCode)
        {
            if (response is null)
            {
                await EcrApi.WriteErrorAsync(context, 501, "NotImplemented", "moto_server is not available").ConfigureAwait(false);
                return;
            }

            await proxy.WriteAsync(context, response).ConfigureAwait(false);
            return;
        }

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted).ConfigureAwait(false))?.AsObject() ?? new JsonObject();
        var accessKeyId = AccessKeyId(request) ?? "local";
        var region = Region(request);
        switch (operation)
        {
            case "DescribeServices" when !scheduler.Runs:
                foreach (var service in answer["services"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    RecordedRollout(service);
                }

                break;
            case "CreateService" or "UpdateService" when answer["service"] is JsonObject service:
                scheduler.ObserveService(service, body, accessKeyId, region);
                scheduler.PatchService(service);
                break;
            case "DeleteService" when answer["service"] is JsonObject service:
                scheduler.ObserveServiceDeleted(service["serviceArn"]!.GetValue<string>());
                scheduler.PatchService(service);
                break;
            case "DescribeServices":
                foreach (var service in answer["services"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    scheduler.ObserveService(service, null, accessKeyId, region);
                    scheduler.PatchService(service);
                }

                break;
            case "DeleteCluster" when answer["cluster"] is JsonObject deleted:
                scheduler.ObserveClusterDeleted(deleted["clusterArn"]!.GetValue<string>());
                break;
        }

        response.Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1");
        await proxy.WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>
    /// Without containers a service is recorded as running its desired count, or <c>recordedRunningTasks</c> when that is
    /// lower (moto's simulated counts leave some tasks pending for ever when more than one is desired), the rest pending,
    /// and its primary deployment as COMPLETED once all run (moto sets that only when it creates the service).
    /// </summary>
    private void RecordedRollout(JsonObject service)
    {
        if (service["status"]?.GetValue<string>() != "ACTIVE") return;
        var desired = service["desiredCount"]?.GetValue<int>() ?? 0;
        var running = Math.Min(desired, recordedRunningTasks ?? desired);
        service["runningCount"] = running;
        service["pendingCount"] = desired - running;
        foreach (var deployment in service["deployments"]?.AsArray().OfType<JsonObject>().Where(d => d["status"]?.GetValue<string>() == "PRIMARY") ?? [])
        {
            var id = deployment["id"]?.GetValue<string>();
            deployment["runningCount"] = running;
            deployment["pendingCount"] = desired - running;
            deployment["rolloutState"] = running == desired ? "COMPLETED" : "IN_PROGRESS";
            deployment["rolloutStateReason"] = running == desired ? $"ECS deployment {id} completed." : $"ECS deployment {id} in progress.";
        }
    }

    private static string ClusterName(string? cluster) => string.IsNullOrEmpty(cluster) ? "default" : cluster[(cluster.LastIndexOf('/') + 1)..];

    private static async Task WriteAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static string? AccessKeyId(MotoRequest request) => Scope(request) is { Success: true } match ? match.Groups["key"].Value : null;

    private string Region(MotoRequest request) => Scope(request) is { Success: true } match ? match.Groups["region"].Value : scheduler.DefaultRegion;

    private static Match? Scope(MotoRequest request)
        => request.Headers.TryGetValue("Authorization", out var values) && values.Length > 0 ? CredentialScope().Match(values[0]) : null;

    [GeneratedRegex(@"Credential=(?<key>[^/,\s]+)/\d{8}/(?<region>[^/]+)/")]
    private static partial Regex CredentialScope();
}
