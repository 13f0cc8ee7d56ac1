using System.Diagnostics;
using System.Text.Json;
using EcrAutomation.Aws;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The crash campaign: 20 SIGKILLs at random moments of <c>up --program ecs</c> (real CLI processes, local cloud with moto)
/// while busy threads load every core, each followed by a recovery <c>up</c> that must converge to a cloud holding exactly
/// what the state lists — no orphan, no duplicate — and then a <c>destroy</c> (so the next kill again hits creates) that
/// must leave nothing. The last destroy is checked with the AWS CLI.
/// </summary>
public sealed class EcsCrashCampaignTests() : LocalCloudProgramTest("ecs")
{
    private const int Kills = 20;

    [Fact(Timeout = 900_000)]
    public async Task TwentyRandomKillsDuringEcsUp_UnderCpuStress_RecoveryUpConverges_NoOrphansNoDuplicates_DestroyLeavesNothing()
    {
        // A first, complete up starts the local cloud and measures how long an up takes, so kills land inside one.
        var timer = Stopwatch.StartNew();
        await SucceedAsync("up", "--stack", "dev", "--yes");
        var upDuration = timer.Elapsed;
        await SucceedAsync("destroy", "--stack", "dev", "--yes");
        var aws = AwsConnection.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:region"] = "us-east-1",
            ["aws:endpoint"] = await EndpointAsync(),
            ["aws:accessKey"] = FakeAwsEnvironment.AccessKey,
            ["aws:secretKey"] = FakeAwsEnvironment.SecretKey,
        });

        var random = new Random(20);
        var killedMidRun = 0;
        using (CpuStress.Start())
        {
            for (var kill = 1; kill <= Kills; kill++)
            {
                using (var up = Cli.Start("up", "--stack", "dev", "--yes", "--program", "ecs"))
                {
                    var output = Task.WhenAll(up.StandardOutput.ReadToEndAsync(), up.StandardError.ReadToEndAsync());
                    var exited = up.WaitForExit(TimeSpan.FromMilliseconds(random.Next(200, (int)Math.Max(400, upDuration.TotalMilliseconds))));
                    if (!exited)
                    {
                        up.Kill(); // SIGKILL to this process only
                        killedMidRun++;
                    }
                    await up.WaitForExitAsync();
                    await output;
                }

                await SucceedAsync("up", "--stack", "dev", "--yes", "--program", "ecs");
                var export = await SucceedAsync("stack", "export", "--stack", "dev");
                var listed = CloudInventory.FromExport(export);
                listed.Count.ShouldBe(14, $"kill {kill}: the state lists every cloud resource of the program");
                listed.Distinct().Count().ShouldBe(listed.Count, $"kill {kill}: no resource is listed twice");
                (await CloudInventory.ReadAsync(aws)).ShouldBe(listed, $"kill {kill}: the cloud holds exactly what the state lists (no orphan, no duplicate)");
                using (var document = JsonDocument.Parse(export))
                    document.RootElement.GetProperty("deployment").TryGetProperty("pending_operations", out var pending).ShouldBeFalse(pending.ToString());

                await SucceedAsync("destroy", "--stack", "dev", "--yes");
                (await CloudInventory.ReadAsync(aws)).ShouldBeEmpty($"kill {kill}: destroy leaves nothing");
            }
        }

        killedMidRun.ShouldBeGreaterThan(Kills / 2, "most kills landed while the up was still running");
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
