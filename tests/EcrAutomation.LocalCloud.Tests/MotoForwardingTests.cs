using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>Non-ECR services reach the moto_server child process through the same endpoint.</summary>
public sealed class MotoForwardingTests(MotoLocalCloudFixture cloud) : IClassFixture<MotoLocalCloudFixture>
{
    [Fact]
    public async Task OtherServices_ForwardedToMoto_EcrStaysLocal()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        (await cloud.Server.IsMotoAvailableAsync()).ShouldBeTrue(cloud.Server.MotoFailureReason);
        var endpoint = cloud.Server.Endpoint;

        var identity = await AwsCli.JsonAsync(AwsCli.V2, endpoint, "sts", "get-caller-identity");
        identity["Account"]!.GetValue<string>().ShouldBe(cloud.Server.AccountId);

        await AwsCli.JsonAsync(AwsCli.V2, endpoint, "iam", "create-role", "--role-name", "exec", "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        (await AwsCli.RunAsync(AwsCli.V2, endpoint, "iam", "attach-role-policy", "--role-name", "exec", "--policy-arn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))
            .EnsureSuccess("attach managed policy");

        var cluster = await AwsCli.JsonAsync(AwsCli.V1, endpoint, "ecs", "create-cluster", "--cluster-name", "demo");
        cluster["cluster"]!["clusterArn"]!.GetValue<string>().ShouldBe($"arn:aws:ecs:us-east-1:{cloud.Server.AccountId}:cluster/demo");
        (await AwsCli.RunAsync(AwsCli.V2, endpoint, "logs", "create-log-group", "--log-group-name", "/ecs/demo")).EnsureSuccess("create-log-group");

        var clusters = await AwsCli.JsonAsync(AwsCli.V2, endpoint, "eks", "list-clusters");
        clusters["clusters"]!.AsArray().ShouldBeEmpty();

        var file = Path.Combine(cloud.DataDirectory, "s3-object.txt");
        await File.WriteAllTextAsync(file, "object through the local cloud");
        (await AwsCli.RunAsync(AwsCli.V2, endpoint, "s3", "mb", "s3://local-bucket")).EnsureSuccess("s3 mb");
        (await AwsCli.RunAsync(AwsCli.V2, endpoint, "s3", "cp", file, "s3://local-bucket/dir/object.txt")).EnsureSuccess("s3 cp up");
        var downloaded = (await AwsCli.RunAsync(AwsCli.V2, endpoint, "s3", "cp", "s3://local-bucket/dir/object.txt", "-")).EnsureSuccess("s3 cp down");
        downloaded.StdOut.ShouldBe("object through the local cloud");

        var repository = await AwsCli.JsonAsync(AwsCli.V2, endpoint, "ecr", "create-repository", "--repository-name", "via-moto-endpoint");
        repository["repository"]!["repositoryUri"]!.GetValue<string>().ShouldBe($"{cloud.Server.RegistryHost}/via-moto-endpoint");
    }

    [Fact]
    public async Task MotoMissing_OtherServicesAnswerWithInstallHint_EcrStillWorks()
    {
        var data = Directory.CreateTempSubdirectory("localcloud-nomoto-").FullName;
        try
        {
            await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions
            {
                Port = 0,
                DataDirectory = data,
                StartMoto = true,
                MotoServerExecutable = "/nonexistent/moto_server",
            });
            (await server.IsMotoAvailableAsync()).ShouldBeFalse();

            var sts = await AwsCli.RunAsync(AwsCli.V2, server.Endpoint, "sts", "get-caller-identity");
            sts.ExitCode.ShouldNotBe(0);
            sts.StdErr.ShouldContain("pip install 'moto[server]'");
            var ecs = await AwsCli.RunAsync(AwsCli.V2, server.Endpoint, "ecs", "list-clusters");
            ecs.ExitCode.ShouldNotBe(0);
            ecs.StdErr.ShouldContain("pip install 'moto[server]'");

            var created = await AwsCli.JsonAsync(AwsCli.V2, server.Endpoint, "ecr", "create-repository", "--repository-name", "still-works");
            created["repository"].ShouldNotBeNull();

            using var http = new HttpClient();
            var health = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Endpoint, "/_localcloud/health")))!;
            health["moto"]!.GetValue<string>().ShouldBe("unavailable");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_AfterCrashLeftMotoRunning_KillsOrphanedMoto()
    {
        var moto = Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        var data = Directory.CreateTempSubdirectory("localcloud-orphan-").FullName;
        var startInfo = new System.Diagnostics.ProcessStartInfo(moto) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", Moto.MotoServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // What marks a moto as the child of the local cloud serving this data directory.
        startInfo.Environment["ECR_AUTOMATION_LOCAL_CLOUD_DATA"] = data;

        using var orphan = System.Diagnostics.Process.Start(startInfo)!;
        try
        {
            await Task.Delay(500);
            orphan.HasExited.ShouldBeFalse("the stand-in orphan moto_server should still be running");
            await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = data, StartMoto = false });
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await orphan.WaitForExitAsync(wait.Token);
            orphan.HasExited.ShouldBeTrue();
        }
        finally
        {
            if (!orphan.HasExited)
            {
                orphan.Kill(entireProcessTree: true);
            }

            Directory.Delete(data, recursive: true);
        }
    }
}
