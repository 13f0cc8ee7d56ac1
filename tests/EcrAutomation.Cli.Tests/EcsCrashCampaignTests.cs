using System.Text.Json;
using EcrAutomation.Aws;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The crash campaign: 20 SIGKILLs of <c>up --program ecs</c> (real CLI processes, local cloud with moto) at random
/// moments — after a random number of finished creates plus a random delay, so other creates are in flight — while busy
/// threads load every core. Each is followed by a recovery <c>up</c> that must converge to a cloud holding exactly what
/// the state lists (no orphan, no duplicate, no pending operation), then a <c>destroy</c> (so the next kill again hits
/// creates) that must leave nothing. The last destroy is also checked with the AWS CLI. The local cloud records the
/// service's tasks without running them: the campaign is about the engine's state, and 40 rollouts and drains of real
/// tasks would take it from 2 to 9 minutes (EcsProgramTrafficTests and the EcsTaskTests run them).
/// </summary>
public sealed class EcsCrashCampaignTests() : LocalCloudProgramTest("ecs")
{
    private const int Kills = 20;

    [Fact(Timeout = 900_000)]
    public async Task TwentyRandomKillsDuringEcsUp_UnderCpuStress_RecoveryUpConverges_NoOrphansNoDuplicates_DestroyLeavesNothing()
    {
        Cli.Environment["ECR_AUTOMATION_LOCAL_CONTAINERS"] = "0";
        await SucceedAsync("local", "start");
        var aws = AwsConnection.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:region"] = "us-east-1",
            ["aws:endpoint"] = await EndpointAsync(),
            ["aws:accessKey"] = FakeAwsEnvironment.AccessKey,
            ["aws:secretKey"] = FakeAwsEnvironment.SecretKey,
        });

        var random = new Random(20);
        var kills = 0;
        using (CpuStress.Start())
        {
            for (var attempt = 1; kills < Kills && attempt <= 2 * Kills; attempt++)
            {
                // Kill after a random number of finished creates (of 21) plus a random delay: wherever the engine is then,
                // with other creates in flight. A run that finished first is still recovered and checked, but not counted.
                if (await KillUpAsync(random.Next(0, 18), TimeSpan.FromMilliseconds(random.Next(0, 400)))) kills++;

                await SucceedAsync("up", "--stack", "dev", "--yes", "--program", "ecs");
                var export = await SucceedAsync("stack", "export", "--stack", "dev");
                var listed = CloudInventory.FromExport(export);
                listed.Count.ShouldBe(14, $"attempt {attempt}: the state lists every cloud resource of the program");
                (await CloudInventory.ReadAsync(aws)).ShouldBe(listed, $"attempt {attempt}: the cloud holds exactly what the state lists (no orphan, no duplicate)");
                using (var document = JsonDocument.Parse(export))
                    document.RootElement.GetProperty("deployment").TryGetProperty("pending_operations", out var pending).ShouldBeFalse(pending.ToString());

                await SucceedAsync("destroy", "--stack", "dev", "--yes");
                (await CloudInventory.ReadAsync(aws)).ShouldBeEmpty($"attempt {attempt}: destroy leaves nothing");
            }
        }

        kills.ShouldBe(Kills, "every SIGKILL landed while an up was running");
        (await AwsAsync("iam", "list-roles", "--query", "Roles[].RoleName")).Trim().ShouldBe("[]");
        (await AwsAsync("ec2", "describe-security-groups", "--query", "SecurityGroups[?GroupName!='default'].GroupId")).Trim().ShouldBe("[]");
        (await AwsAsync("logs", "describe-log-groups", "--query", "logGroups[].logGroupName")).Trim().ShouldBe("[]");
        (await AwsAsync("elbv2", "describe-load-balancers", "--query", "LoadBalancers[].LoadBalancerName")).Trim().ShouldBe("[]");
        (await AwsAsync("elbv2", "describe-target-groups", "--query", "TargetGroups[].TargetGroupName")).Trim().ShouldBe("[]");
        (await AwsAsync("ecs", "list-task-definitions", "--status", "ACTIVE", "--query", "taskDefinitionArns")).Trim().ShouldBe("[]");
        (await AwsAsync("ecr", "describe-repositories", "--query", "repositories[].repositoryName")).Trim().ShouldBe("[]");
        var clusters = JsonSerializer.Deserialize<string[]>(await AwsAsync("ecs", "list-clusters", "--query", "clusterArns"))!;
        if (clusters.Length > 0)
            (await AwsAsync(["ecs", "describe-clusters", "--query", "clusters[?status=='ACTIVE'].clusterName", "--clusters", .. clusters])).Trim().ShouldBe("[]");
    }

    /// <summary>Starts <c>up</c>, sends it SIGKILL <paramref name="delay"/> after its <paramref name="creates"/>-th "created" line; true when it was still running.</summary>
    private async Task<bool> KillUpAsync(int creates, TimeSpan delay)
    {
        using var up = Cli.StartProcess("up", "--stack", "dev", "--yes", "--program", "ecs");
        var stderr = up.StandardError.ReadToEndAsync();
        var seen = 0;
        while (seen < creates && await up.StandardOutput.ReadLineAsync() is { } line)
            if (line.Contains(" created (", StringComparison.Ordinal)) seen++;
        var drain = up.StandardOutput.ReadToEndAsync();
        await Task.Delay(delay);
        up.Kill(); // SIGKILL to this process only; nothing if it has exited
        await up.WaitForExitAsync();
        await Task.WhenAll(drain, stderr);
        return up.ExitCode == 128 + 9;
    }

    private async Task<string> SucceedAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', args)}:\n{result.Stdout}\n{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>One busy thread per core until disposed (bounded by the test), so the CLI runs on a loaded machine.</summary>
    private sealed class CpuStress : IDisposable
    {
        private volatile bool _stop;
        private readonly List<Thread> _threads = [];

        public static CpuStress Start()
        {
            var stress = new CpuStress();
            for (var i = 0; i < Environment.ProcessorCount; i++)
            {
                var thread = new Thread(() => { while (!stress._stop) Thread.SpinWait(1000); }) { IsBackground = true };
                thread.Start();
                stress._threads.Add(thread);
            }
            return stress;
        }

        public void Dispose()
        {
            _stop = true;
            foreach (var thread in _threads) thread.Join();
        }
    }
}
