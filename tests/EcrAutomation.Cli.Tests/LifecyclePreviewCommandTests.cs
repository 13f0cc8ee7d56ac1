using System.Text.Json;
using EcrAutomation.Testing.Infrastructure;
using k8s;

namespace EcrAutomation.Cli.Tests;

public sealed class LifecyclePreviewCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private const string Policy = """
        {"rules":[
          {"rulePriority":1,"description":"keep 2 releases","selection":{"tagStatus":"tagged","tagPrefixList":["release"],"countType":"imageCountMoreThan","countNumber":2},"action":{"type":"expire"}},
          {"rulePriority":2,"description":"untagged after 7 days","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}
        ]}
        """;

    // As printed by 'aws ecr describe-images'.
    private const string Images = """
        {"imageDetails":[
          {"imageDigest":"sha256:aaaa","imageTags":["release-1"],"imagePushedAt":"2026-11-01T00:00:00+00:00"},
          {"imageDigest":"sha256:bbbb","imageTags":["release-2"],"imagePushedAt":"2026-11-10T00:00:00+00:00"},
          {"imageDigest":"sha256:cccc","imageTags":["release-3"],"imagePushedAt":"2026-11-20T00:00:00+00:00"},
          {"imageDigest":"sha256:dddd","imagePushedAt":"2026-11-01T00:00:00+00:00"},
          {"imageDigest":"sha256:eeee","imagePushedAt":"2026-11-25T00:00:00+00:00"},
          {"imageDigest":"sha256:ffff","imageTags":["dev"],"imagePushedAt":"2026-10-01T00:00:00+00:00"}
        ]}
        """;

    private (string Policy, string Images) Files(string policy = Policy)
    {
        var p = Path.Combine(_cli.Root, "policy.json");
        var i = Path.Combine(_cli.Root, "images.json");
        File.WriteAllText(p, policy);
        File.WriteAllText(i, Images);
        return (p, i);
    }

    [Fact]
    public async Task Preview_ImagesFile_Json_MatchesHandComputedResult()
    {
        var (policy, images) = Files();
        var result = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--images", images, "--now", "2026-11-27T00:00:00Z", "--json");
        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var expire = doc.RootElement.GetProperty("expire").EnumerateArray()
            .Select(e => (e.GetProperty("imageDigest").GetString(), e.GetProperty("appliedRulePriority").GetInt32())).OrderBy(e => e.Item1).ToList();
        // release-1 is the oldest of three releases (keep 2); dddd is untagged and 26 days old; eeee is 2 days old; dev matches no rule.
        expire.ShouldBe([("sha256:aaaa", 1), ("sha256:dddd", 2)]);
        doc.RootElement.GetProperty("keep").EnumerateArray().Select(k => k.GetProperty("imageDigest").GetString()).Order()
            .ShouldBe(["sha256:bbbb", "sha256:cccc", "sha256:eeee", "sha256:ffff"]);
    }

    [Fact]
    public async Task Preview_ImagesFile_Human_ListsRulesAndKeptImages()
    {
        var (policy, images) = Files();
        var result = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--images", images, "--now", "2026-11-27T00:00:00Z");
        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("2 to expire, 4 to keep");
        result.Stdout.ShouldContain("rule 1 (keep 2 releases)");
        result.Stdout.ShouldContain("rule 2 (untagged after 7 days)");
        result.Stdout.ShouldContain("release-3");
    }

    [Fact]
    public async Task Preview_InvalidPolicy_ShowsAwsValidationMessageAndFails()
    {
        var (policy, images) = Files("""{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""");
        var result = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--images", images);
        result.ExitCode.ShouldNotBe(0);
        result.Stderr.ShouldContain("Lifecycle policy validation failure");
    }

    [Fact]
    public async Task Preview_Repository_ReadsImagesLiveFromTheStacksCloud()
    {
        await using var cloud = await LocalCloud.LocalCloudServer.StartAsync(new LocalCloud.LocalCloudOptions
        {
            Port = 0, DataDirectory = Path.Combine(_cli.Root, "cloud"), StartMoto = false, WriteStateFile = false,
        });
        var config = await _cli.RunAsync("config", "set", "aws:endpoint", cloud.Endpoint.ToString(), "--stack", "dev");
        config.ExitCode.ShouldBe(0, config.Stderr);
        var aws = Aws.AwsConnection.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:endpoint"] = cloud.Endpoint.ToString(), ["aws:region"] = "us-east-1", ["aws:accessKey"] = "AKIDTESTFAKE00000000", ["aws:secretKey"] = "x",
        });
        await aws.Ecr.CreateRepositoryAsync(new Aws.Ecr.CreateRepositoryRequest { RepositoryName = "live" });
        var (policy, _) = Files();

        var result = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--repository", "live", "--stack", "dev", "--json");
        result.ExitCode.ShouldBe(0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        doc.RootElement.GetProperty("expire").GetArrayLength().ShouldBe(0);
        doc.RootElement.GetProperty("keep").GetArrayLength().ShouldBe(0);

        var missing = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--repository", "nope", "--stack", "dev");
        missing.ExitCode.ShouldNotBe(0);
        missing.Stderr.ShouldContain("RepositoryNotFoundException");
    }

    [Fact(Timeout = 300_000)]
    public async Task Preview_Repository_NamesTheEksDeploymentRunningAnImageThePolicyWouldExpire()
    {
        await using var cloud = await InProcessLocalCloud.StartAsync(Path.Combine(_cli.Root, "cloud"));
        var config = await _cli.RunAsync("config", "set", "aws:endpoint", cloud.Endpoint.ToString(), "--stack", "dev");
        config.ExitCode.ShouldBe(0, config.Stderr);
        using var aws = Aws.AwsConnection.FromStackConfig(new Dictionary<string, string>
        {
            ["aws:endpoint"] = cloud.Endpoint.ToString(), ["aws:region"] = "us-east-1", ["aws:accessKey"] = "AKIDTESTFAKE00000000", ["aws:secretKey"] = "x",
        });
        var uri = (await aws.Ecr.CreateRepositoryAsync(new Aws.Ecr.CreateRepositoryRequest { RepositoryName = "web" })).Repository!.RepositoryUri!;
        var old = await TinyImage.PushAsync(aws, cloud.Endpoint, "web", "release-1");
        await Task.Delay(1100); // distinct push times
        await TinyImage.PushAsync(aws, cloud.Endpoint, "web", "release-2");
        await TinyImage.PushAsync(aws, cloud.Endpoint, "web", "release-3");
        var cluster = await EksTestCluster.CreateAsync(aws, "shop");
        using (var kubernetes = await EksTestCluster.ClientAsync(aws, cluster))
        {
            await kubernetes.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "store" } });
            await kubernetes.AppsV1.CreateNamespacedDeploymentAsync(EksTestCluster.Deployment("checkout", $"{uri}:release-1"), "store");
        }
        var (policy, _) = Files();

        var result = await _cli.RunAsync("lifecycle", "preview", "--policy", policy, "--repository", "web", "--stack", "dev");

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("1 to expire");
        result.Stderr.ShouldContain("would expire 1 image that a Deployment in an EKS cluster uses");
        result.Stderr.ShouldContain($"{old} ({uri}:release-1) runs in Deployment store/checkout in EKS cluster shop, container 'checkout'");
    }
}
