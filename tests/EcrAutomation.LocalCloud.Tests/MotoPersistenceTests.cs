using System.Diagnostics;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>
/// What moto serves (IAM, EC2, ECS, ELBv2, Logs) survives restarts of the local cloud, clean or kill -9, with the same
/// ids and ARNs, and a Ctrl+C in the terminal that started it reaches neither the local cloud nor moto.
/// </summary>
public sealed class MotoPersistenceTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("localcloud-moto-state-").FullName;

    [Fact]
    public async Task StopThenStart_RoleSecurityGroupClusterLogGroupTargetGroup_SameIdsAndArns()
    {
        Dictionary<string, string> before;
        await using (var first = await StartInProcessAsync())
        {
            before = await CreateStackLikeResourcesAsync(first.Endpoint);
        }

        await using var second = await StartInProcessAsync();
        var after = await ReadResourcesAsync(second.Endpoint);

        after.ShouldBe(before);
        // Still a working moto after the replay: new resources do not collide with the replayed ones.
        var another = await AwsCli.JsonAsync(AwsCli.V1, second.Endpoint, "ec2", "create-security-group", "--group-name", "another-sg", "--description", "another");
        another["GroupId"]!.GetValue<string>().ShouldNotBe(before["securityGroup"]);
    }

    [Fact]
    public async Task KillNineThenStart_DetachedLocalCloud_MotoResourcesKeptAndOrphanedMotoEnded()
    {
        var first = await LocalCloudProcess.StartDetachedAsync(TestHostProgram.ServeCommand(_data, moto: true), _data, TimeSpan.FromSeconds(60));
        var before = await CreateStackLikeResourcesAsync(first.Endpoint);
        var orphanedMoto = MotoChildren(first.ProcessId).ShouldHaveSingleItem();

        using (var process = Process.GetProcessById(first.ProcessId))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        var second = await LocalCloudProcess.StartDetachedAsync(TestHostProgram.ServeCommand(_data, moto: true), _data, TimeSpan.FromSeconds(60));
        try
        {
            (await ReadResourcesAsync(second.Endpoint)).ShouldBe(before);
            IsAlive(orphanedMoto).ShouldBeFalse("the moto left by the killed local cloud is ended");
            MotoChildren(second.ProcessId).ShouldHaveSingleItem();
        }
        finally
        {
            await LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(20));
        }
    }

    [Fact]
    public async Task CtrlCToTheStartingTerminalsProcessGroup_LocalCloudAndMotoSurvive()
    {
        // The starter plays the CLI run from a terminal: leader of its own process group, which Ctrl+C signals as a whole.
        InterruptSignal.RestoreDefault();
        var starter = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "dotnet", "exec", typeof(TestHostProgram).Assembly.Location, "start-local-cloud", _data },
            UseShellExecute = false,
        };
        using var cli = Process.Start(starter)!;
        try
        {
            var state = await WaitForLocalCloudAsync();
            await AwsCli.JsonAsync(AwsCli.V1, state.Endpoint, "ecs", "create-cluster", "--cluster-name", "before-ctrl-c");
            var moto = MotoChildren(state.ProcessId).ShouldHaveSingleItem();

            (await Tool.RunAsync("kill", ["-INT", "--", $"-{cli.Id}"])).EnsureSuccess("kill -INT the starter's process group");
            await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            (await LocalCloudProcess.FindRunningAsync(_data)).ShouldNotBeNull("the local cloud survived the Ctrl+C").ProcessId.ShouldBe(state.ProcessId);
            IsAlive(moto).ShouldBeTrue("moto survived the Ctrl+C");
            var clusters = await AwsCli.JsonAsync(AwsCli.V1, state.Endpoint, "ecs", "describe-clusters", "--clusters", "before-ctrl-c");
            clusters["clusters"]![0]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        }
        finally
        {
            if (!cli.HasExited)
            {
                cli.Kill();
            }

            await LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(20));
        }
    }

    public void Dispose()
    {
        // A failed test may leave a detached local cloud; stop it before removing its folder.
        LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();
        Directory.Delete(_data, recursive: true);
    }

    private Task<LocalCloudServer> StartInProcessAsync()
        => LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = _data, StartMoto = true, WriteStateFile = false });

    private async Task<LocalCloudState> WaitForLocalCloudAsync()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (await LocalCloudProcess.FindRunningAsync(_data) is { } state)
            {
                return state;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the starter did not bring up a local cloud");
    }

    /// <summary>The moto_server children of a process (from /proc: field 4 of stat is the parent pid).</summary>
    private static int[] MotoChildren(int parentPid)
        => Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0
                && ReadOrEmpty($"/proc/{pid}/stat") is var stat && stat.Length > 0
                && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == parentPid.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && ReadOrEmpty($"/proc/{pid}/cmdline").Contains("moto_server", StringComparison.Ordinal))
            .ToArray();

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !ReadOrEmpty($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>What the ecs program creates in moto, one of each kind; returns their ids and ARNs.</summary>
    private static async Task<Dictionary<string, string>> CreateStackLikeResourcesAsync(Uri endpoint)
    {
        await AwsCli.JsonAsync(AwsCli.V1, endpoint, "iam", "create-role", "--role-name", "app-task", "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ec2", "create-security-group", "--group-name", "app-sg", "--description", "app");
        await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ecs", "create-cluster", "--cluster-name", "app");
        (await AwsCli.RunAsync(AwsCli.V1, endpoint, "logs", "create-log-group", "--log-group-name", "/ecs/app")).EnsureSuccess("create-log-group");
        var vpc = await DefaultVpcAsync(endpoint);
        await AwsCli.JsonAsync(AwsCli.V1, endpoint, "elbv2", "create-target-group", "--name", "app-tg", "--protocol", "HTTP", "--port", "8080", "--vpc-id", vpc, "--target-type", "ip");
        return await ReadResourcesAsync(endpoint);
    }

    private static async Task<Dictionary<string, string>> ReadResourcesAsync(Uri endpoint)
    {
        var role = (await AwsCli.JsonAsync(AwsCli.V1, endpoint, "iam", "get-role", "--role-name", "app-task"))["Role"]!;
        var group = (await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ec2", "describe-security-groups", "--group-names", "app-sg"))["SecurityGroups"]![0]!;
        var cluster = (await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ecs", "describe-clusters", "--clusters", "app"))["clusters"]![0]!;
        var logGroup = (await AwsCli.JsonAsync(AwsCli.V1, endpoint, "logs", "describe-log-groups", "--log-group-name-prefix", "/ecs/app"))["logGroups"]![0]!;
        var targetGroup = (await AwsCli.JsonAsync(AwsCli.V1, endpoint, "elbv2", "describe-target-groups", "--names", "app-tg"))["TargetGroups"]![0]!;
        return new Dictionary<string, string>
        {
            ["roleArn"] = Text(role["Arn"]),
            ["roleId"] = Text(role["RoleId"]),
            ["securityGroup"] = Text(group["GroupId"]),
            ["securityGroupVpc"] = Text(group["VpcId"]),
            ["defaultVpc"] = await DefaultVpcAsync(endpoint),
            ["clusterArn"] = Text(cluster["clusterArn"]) + " " + Text(cluster["status"]),
            ["logGroupArn"] = Text(logGroup["arn"]),
            ["targetGroupArn"] = Text(targetGroup["TargetGroupArn"]),
        };
    }

    private static async Task<string> DefaultVpcAsync(Uri endpoint)
        => Text((await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ec2", "describe-vpcs", "--filters", "Name=isDefault,Values=true"))["Vpcs"]![0]!["VpcId"]);

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
