using System.Text.Json;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The ECS program on the local cloud serves: after <c>up</c>, curl through the load balancer's front door gets the demo
/// page from both tasks, the targets are healthy, httpd's lines are in the task's log group, an app edit rolls the tasks
/// with no failed request, and destroy stops every task.
/// </summary>
public sealed class EcsProgramTrafficTests() : LocalCloudProgramTest("ecs")
{
    [Fact(Timeout = 900_000)]
    public async Task Up_CurlThroughTheAlbReachesBothTasks_TargetsHealthy_LogsInCloudWatch_AppEditRollsWithNoFailedRequest_DestroyStopsEveryTask()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        var local = await Cli.RunAsync("local", "url", (await OutputsAsync())["url"]);
        local.ExitCode.ShouldBe(0, local.Stdout + local.Stderr);
        var url = new Uri(local.Stdout.Trim());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var page = await File.ReadAllTextAsync(Path.Combine(Cli.ProjectDir, "app", "www", "index.html"));

        for (var i = 0; i < 10; i++) (await http.GetStringAsync(url)).ShouldBe(page);
        // A path the app does not have: httpd logs "response:404" for it, which health checks (GET /) never cause.
        for (var i = 0; i < 10; i++) (await http.GetAsync(new Uri(url, $"missing-{i}"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);

        var targetGroup = JsonDocument.Parse(await AwsAsync("elbv2", "describe-target-groups", "--query", "TargetGroups[0].TargetGroupArn")).RootElement.GetString()!;
        var health = JsonDocument.Parse(await AwsAsync("elbv2", "describe-target-health", "--target-group-arn", targetGroup, "--query", "TargetHealthDescriptions[].TargetHealth.State")).RootElement;
        health.EnumerateArray().Select(s => s.GetString()).ShouldBe(["healthy", "healthy"]);

        // CLI v1 has no `aws logs tail`; filter-log-events reads the same streams (ecs/container/<task id>).
        var logGroup = JsonDocument.Parse(await AwsAsync("logs", "describe-log-groups", "--query", "logGroups[0].logGroupName")).RootElement.GetString()!;
        // Both tasks logged 404s: the load balancer sent requests to both.
        var events = new List<(string Stream, string Message)>();
        await EventuallyAsync(async () =>
        {
            events = [.. JsonDocument.Parse(await AwsAsync("logs", "filter-log-events", "--log-group-name", logGroup, "--query", "events[].[logStreamName,message]")).RootElement
                .EnumerateArray().Select(e => (Stream: e[0].GetString()!, Message: e[1].GetString()!))];
            return events.Where(e => e.Message.Contains("response:404")).Select(e => e.Stream).Distinct().Count() == 2;
        });
        events.Where(e => e.Message.Contains("response:200")).ShouldNotBeEmpty("httpd's lines reach the task's log group");

        File.AppendAllText(Path.Combine(Cli.ProjectDir, "app", "www", "index.html"), "\n<!-- v2 -->\n");
        using var rolling = new CancellationTokenSource();
        var traffic = RequestLoopAsync(http, url, rolling.Token);
        var roll = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        roll.ExitCode.ShouldBe(0, roll.Stdout + roll.Stderr);
        await EventuallyAsync(async () => (await http.GetStringAsync(url)).Contains("<!-- v2 -->"));
        await rolling.CancelAsync();
        var (ok, failed) = await traffic;
        failed.ShouldBeEmpty("no request fails while the tasks roll");
        ok.ShouldBeGreaterThan(0);
        for (var i = 0; i < 4; i++) (await http.GetStringAsync(url)).ShouldContain("<!-- v2 -->", customMessage: "only new tasks serve after the roll");

        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        ContainerHygiene.Find(LocalCloudServer.ContainerNamePrefix(Path.Combine(Cli.Home, "local-cloud")))
            .ShouldBeEmpty("destroy stops every task: no container process, namespace or veth is left");
    }

    /// <summary>GETs the page in a loop until cancelled; returns the successes and the failures (status or exception).</summary>
    private static async Task<(int Ok, List<string> Failed)> RequestLoopAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        var (ok, failed) = (0, new List<string>());
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(url, CancellationToken.None);
                if (response.IsSuccessStatusCode) ok++;
                else failed.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
            catch (HttpRequestException e)
            {
                failed.Add(e.Message);
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return (ok, failed);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 3 minutes");
            await Task.Delay(200);
        }
    }
}
