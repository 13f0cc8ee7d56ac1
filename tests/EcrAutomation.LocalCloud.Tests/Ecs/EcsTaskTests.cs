using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Ecs;

/// <summary>
/// ECS services in the local cloud run their tasks as real containers: desired count, task statuses and addresses,
/// awslogs to CloudWatch Logs, essential container exits with their exit codes and replacements, rolling deployments,
/// scale in, delete, and a restart of the local cloud.
/// </summary>
public sealed class EcsTaskTests
{
    [Fact(Timeout = 600_000)]
    public async Task CreateService_DesiredCountTwo_TwoRunningTasksServeTheirPageOnTheirOwnAddressesAndLogToCloudWatch()
    {
        await using var cloud = await EcsCloud.StartAsync();
        var image = await cloud.PushHttpdAsync("web", "v1", "hello from ecs\n");
        var taskDefinition = await cloud.RegisterTaskDefinitionAsync("web", image, "/ecs/web");
        await cloud.CreateServiceAsync("apps", "web", taskDefinition, 2, "/ecs/web");

        var tasks = await EcsCloud.EventuallyAsync("two RUNNING tasks", async () =>
        {
            var current = await cloud.TasksAsync("apps");
            return current.Count == 2 && current.All(t => t["lastStatus"]!.GetValue<string>() == "RUNNING") ? current : null;
        });
        var addresses = tasks.Select(EcsCloud.PrivateIp).ToList();
        addresses.Distinct().Count().ShouldBe(2, "each task has its own address (awsvpc)");
        foreach (var task in tasks)
        {
            task["desiredStatus"]!.GetValue<string>().ShouldBe("RUNNING");
            task["group"]!.GetValue<string>().ShouldBe("service:web");
            task["taskDefinitionArn"]!.GetValue<string>().ShouldBe(taskDefinition);
            var container = task["containers"]![0]!;
            container["name"]!.GetValue<string>().ShouldBe("web");
            container["imageDigest"]!.GetValue<string>().ShouldStartWith("sha256:");
            (await cloud.GetPageAsync(task)).ShouldBe("hello from ecs\n");
        }

        var service = await cloud.ServiceAsync("apps", "web");
        service["runningCount"]!.GetValue<int>().ShouldBe(2);
        service["pendingCount"]!.GetValue<int>().ShouldBe(0);
        await EcsCloud.EventuallyAsync("the deployment to complete", async () =>
            (await cloud.ServiceAsync("apps", "web"))["deployments"]![0]!["rolloutState"]!.GetValue<string>() == "COMPLETED" ? "done" : null);
        (await cloud.ServiceAsync("apps", "web"))["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())
            .ShouldContain("(service web) has reached a steady state.");

        // httpd -v logs each answer on stderr ("<client>: response:200"): the awslogs driver puts it in ecs/web/<task id>.
        var taskId = tasks[0]["taskArn"]!.GetValue<string>().Split('/')[^1];
        var lines = await EcsCloud.EventuallyAsync("httpd's request line in CloudWatch Logs", async () =>
        {
            var events = await cloud.AwsAsync("logs", "get-log-events", "--log-group-name", "/ecs/web", "--log-stream-name", $"ecs/web/{taskId}");
            var messages = events["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
            return messages.Any(m => m.Contains("response:200", StringComparison.Ordinal)) ? messages : null;
        });
        lines.ShouldNotBeEmpty();
        var tail = await AwsCli.RunAsync(AwsCli.V2, cloud.Endpoint, "logs", "tail", "/ecs/web");
        tail.EnsureSuccess("aws logs tail").StdOut.ShouldContain("response:200");
    }

    [Fact(Timeout = 600_000)]
    public async Task EssentialContainerExitsWithThree_TaskStoppedWithExitCodeAndReason_ServiceStartsAReplacement_LogShowsWhy()
    {
        await using var cloud = await EcsCloud.StartAsync();
        var image = await cloud.PushImageAsync("crash", "v1", """ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo giving up: no configuration; exit 3"]""");
        var taskDefinition = await cloud.RegisterTaskDefinitionAsync("crash", image, "/ecs/crash");
        await cloud.CreateServiceAsync("apps", "crash", taskDefinition, 1, "/ecs/crash");

        var stopped = await EcsCloud.EventuallyAsync("a STOPPED task", async () =>
            (await cloud.TasksAsync("apps", "STOPPED")).FirstOrDefault(t => t["lastStatus"]!.GetValue<string>() == "STOPPED"));
        stopped["stopCode"]!.GetValue<string>().ShouldBe("EssentialContainerExited");
        stopped["stoppedReason"]!.GetValue<string>().ShouldBe("Essential container in task exited");
        stopped["containers"]![0]!["exitCode"]!.GetValue<int>().ShouldBe(3);
        stopped["containers"]![0]!["lastStatus"]!.GetValue<string>().ShouldBe("STOPPED");

        var stoppedArn = stopped["taskArn"]!.GetValue<string>();
        await EcsCloud.EventuallyAsync("a replacement task", async () =>
        {
            var all = (await cloud.TasksAsync("apps")).Concat(await cloud.TasksAsync("apps", "STOPPED"));
            return all.Any(t => t["taskArn"]!.GetValue<string>() != stoppedArn) ? "replaced" : null;
        });

        var taskId = stoppedArn.Split('/')[^1];
        var log = await cloud.AwsAsync("logs", "get-log-events", "--log-group-name", "/ecs/crash", "--log-stream-name", $"ecs/web/{taskId}");
        log["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ShouldContain("giving up: no configuration");
    }

    [Fact(Timeout = 600_000)]
    public async Task UpdateServiceWithANewTaskDefinition_RollsTasksToIt_ScaleInAndDelete_StopEveryTask()
    {
        await using var cloud = await EcsCloud.StartAsync();
        var v1 = await cloud.RegisterTaskDefinitionAsync("roll", await cloud.PushHttpdAsync("roll", "v1", "version 1\n"), "/ecs/roll", overrides: new JsonObject { ["stopTimeout"] = 2 });
        await cloud.CreateServiceAsync("apps", "roll", v1, 2, "/ecs/roll");
        await EcsCloud.EventuallyAsync("two tasks of v1", async () => (await cloud.TasksAsync("apps")).Count(t => t["lastStatus"]!.GetValue<string>() == "RUNNING") == 2 ? "ok" : null);

        var v2 = await cloud.RegisterTaskDefinitionAsync("roll", await cloud.PushHttpdAsync("roll", "v2", "version 2\n"), "/ecs/roll", overrides: new JsonObject { ["stopTimeout"] = 2 });
        var updated = await cloud.AwsAsync("ecs", "update-service", "--cluster", "apps", "--service", "roll", "--task-definition", v2);
        updated["service"]!["deployments"]!.AsArray().Count.ShouldBe(2, "the new PRIMARY deployment and the old ACTIVE one");

        var rolled = await EcsCloud.EventuallyAsync("the tasks to run v2 only", async () =>
        {
            var tasks = await cloud.TasksAsync("apps");
            var service = await cloud.ServiceAsync("apps", "roll");
            return tasks.Count == 2 && tasks.All(t => t["taskDefinitionArn"]!.GetValue<string>() == v2 && t["lastStatus"]!.GetValue<string>() == "RUNNING")
                && service["deployments"]!.AsArray().Count == 1 && service["runningCount"]!.GetValue<int>() == 2 ? tasks : null;
        });
        foreach (var task in rolled)
        {
            (await cloud.GetPageAsync(task)).ShouldBe("version 2\n");
        }

        (await cloud.TasksAsync("apps", "STOPPED")).Count(t => t["taskDefinitionArn"]!.GetValue<string>() == v1).ShouldBe(2);

        await cloud.AwsAsync("ecs", "update-service", "--cluster", "apps", "--service", "roll", "--desired-count", "1");
        await EcsCloud.EventuallyAsync("one task after scaling in", async () => (await cloud.TasksAsync("apps")).Count == 1 ? "ok" : null);

        await cloud.AwsAsync("ecs", "delete-service", "--cluster", "apps", "--service", "roll", "--force");
        (await cloud.ServiceAsync("apps", "roll"))["status"]!.GetValue<string>().ShouldBeOneOf("DRAINING", "INACTIVE");
        await EcsCloud.EventuallyAsync("the service INACTIVE with every task stopped", async () =>
            (await cloud.ServiceAsync("apps", "roll"))["status"]!.GetValue<string>() == "INACTIVE" && (await cloud.TasksAsync("apps")).Count == 0 ? "ok" : null);
        (await cloud.TasksAsync("apps", "STOPPED")).ShouldAllBe(t => t["lastStatus"]!.GetValue<string>() == "STOPPED");
    }

    [Fact(Timeout = 600_000)]
    public async Task LocalCloudRestart_ServiceKnownAgain_ItsTasksStoppedWithTheCloudAndRecreated()
    {
        await using var cloud = await EcsCloud.StartAsync();
        var taskDefinition = await cloud.RegisterTaskDefinitionAsync("again", await cloud.PushHttpdAsync("again", "v1", "still here\n"), "/ecs/again");
        await cloud.CreateServiceAsync("apps", "again", taskDefinition, 1, "/ecs/again");
        var before = await EcsCloud.EventuallyAsync("a RUNNING task", async () =>
            (await cloud.TasksAsync("apps")).FirstOrDefault(t => t["lastStatus"]!.GetValue<string>() == "RUNNING"));

        await cloud.RestartAsync();

        var after = await EcsCloud.EventuallyAsync("a new RUNNING task after the restart", async () =>
            (await cloud.TasksAsync("apps")).FirstOrDefault(t => t["lastStatus"]!.GetValue<string>() == "RUNNING"));
        after["taskArn"]!.GetValue<string>().ShouldNotBe(before["taskArn"]!.GetValue<string>());
        (await cloud.GetPageAsync(after)).ShouldBe("still here\n");
        var old = (await cloud.TasksAsync("apps", "STOPPED")).ShouldHaveSingleItem();
        old["taskArn"]!.GetValue<string>().ShouldBe(before["taskArn"]!.GetValue<string>());
        old["stoppedReason"]!.GetValue<string>().ShouldBe("Task stopped because the local cloud stopped");
    }
}
