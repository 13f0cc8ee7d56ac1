using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Tests;

/// <summary>Every state verb works against an S3 backend (the local cloud's S3), chosen by -b, PULUMI_BACKEND_URL or Pulumi.yaml.</summary>
public sealed class S3BackendCliTests : IAsyncLifetime
{
    private const string Bucket = "team-state";
    private readonly CliRunner _cli = new();
    private LocalCloudServer _cloud = null!;
    private AmazonS3Client _s3 = null!;

    private string Url => $"s3://{Bucket}/ci?region=us-east-1&endpoint={Uri.EscapeDataString(_cloud.Endpoint.ToString().TrimEnd('/'))}";

    public async Task InitializeAsync()
    {
        _cloud = await InProcessLocalCloud.StartAsync(Path.Combine(_cli.Root, "cloud"));
        (await _cloud.IsMotoAvailableAsync()).ShouldBeTrue(_cloud.MotoFailureReason);
        _s3 = new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("AKIDTESTFAKE00000000", "test-secret-not-real"), new AmazonS3Config
        {
            ServiceURL = _cloud.Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
        await _s3.PutBucketAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        _s3.Dispose();
        await _cloud.DisposeAsync();
        _cli.Dispose();
    }

    private async Task<List<string>> KeysAsync() =>
        [.. ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket })).S3Objects ?? []).Select(o => o.Key)];

    private async Task<string> ReadAsync(string key)
    {
        using var get = await _s3.GetObjectAsync(Bucket, key);
        using var reader = new StreamReader(get.ResponseStream);
        return await reader.ReadToEndAsync();
    }

    private async Task<CliRunner.Result> Run(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', args)}:\n{result.Stdout}{result.Stderr}");
        return result;
    }

    [Fact]
    public async Task UpOutputsHistoryExportImportCancelLsRm_AllWorkOnS3_InPulumisLayout_NothingInTheLocalStateRoot()
    {
        var up = await Run("up", "--yes", "-b", Url);
        up.Stdout.ShouldContain("+ 3 created");

        var keys = await KeysAsync();
        keys.ShouldContain("ci/.pulumi/meta.yaml");
        keys.ShouldContain("ci/.pulumi/stacks/cli-test/dev.json");
        keys.ShouldContain(k => k.StartsWith("ci/.pulumi/history/cli-test/dev/dev-", StringComparison.Ordinal) && k.EndsWith(".history.json", StringComparison.Ordinal));
        keys.ShouldNotContain(k => k.StartsWith("ci/.pulumi/locks/", StringComparison.Ordinal), "the lock is released");
        keys.ShouldNotContain(k => k.Contains(".journal", StringComparison.Ordinal), "the journal is compacted");
        (await ReadAsync("ci/.pulumi/meta.yaml")).ShouldBe("version: 1\n");
        using (var checkpoint = JsonDocument.Parse(await ReadAsync("ci/.pulumi/stacks/cli-test/dev.json")))
        {
            checkpoint.RootElement.GetProperty("version").GetInt32().ShouldBe(3);
            checkpoint.RootElement.GetProperty("checkpoint").GetProperty("stack").GetString().ShouldBe("organization/cli-test/dev");
            checkpoint.RootElement.GetProperty("checkpoint").GetProperty("latest").GetProperty("resources").GetArrayLength().ShouldBe(4);
        }
        Directory.Exists(Path.Combine(_cli.Home, ".pulumi")).ShouldBeFalse("the state went to S3, not to ECR_AUTOMATION_HOME");

        var outputs = await Run("outputs", "--json", "-b", Url);
        JsonDocument.Parse(outputs.Stdout).RootElement.GetProperty("name").GetString().ShouldStartWith("sample-");

        (await Run("history", "-b", Url)).Stdout.ShouldContain("Update");
        (await Run("stack", "ls", "-b", Url)).Stdout.Trim().ShouldBe("dev");

        var export = Path.Combine(_cli.Root, "dev.json");
        await Run("stack", "export", "--file", export, "-b", Url);
        var exported = JsonDocument.Parse(File.ReadAllText(export)).RootElement;
        exported.GetProperty("deployment").GetProperty("resources").GetArrayLength().ShouldBe(4);
        (await Run("stack", "import", "--file", export, "-b", Url)).Stdout.ShouldContain("Import complete.");
        (await KeysAsync()).ShouldContain("ci/.pulumi/stacks/cli-test/dev.json.bak", "the import kept the previous checkpoint as Pulumi does");

        // A lock left by a runner on another host, with a lease that has not lapsed: up refuses and names it; cancel says whose.
        var lease = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = "ci/.pulumi/locks/organization/cli-test/dev/ecr-automation.json",
            ContentBody = $$"""{"pid":4242,"username":"ci","hostname":"runner-7","timestamp":"2026-01-01T00:00:00Z","operation":"update","leaseExpires":"{{lease}}"}""",
        });
        var locked = await _cli.RunAsync("up", "--yes", "-b", Url);
        locked.ExitCode.ShouldNotBe(0);
        locked.Stderr.ShouldContain("the stack is currently locked by");
        locked.Stderr.ShouldContain("ci@runner-7 (pid 4242)");
        var cancel = await Run("cancel", "--yes", "-b", Url);
        cancel.Stdout.ShouldContain("Removed 1 lock(s) of stack 'dev'");
        cancel.Stdout.ShouldContain("held by ci@runner-7 (pid 4242)");
        (await Run("up", "--yes", "-b", Url)).Stdout.ShouldContain("3 unchanged");

        (await Run("stack", "rm", "dev", "--yes", "--force", "-b", Url)).Stdout.ShouldContain("has been removed");
        (await KeysAsync()).ShouldNotContain(k => k.StartsWith("ci/.pulumi/stacks/cli-test/dev.json", StringComparison.Ordinal) || k.StartsWith("ci/.pulumi/history/", StringComparison.Ordinal));
        (await Run("stack", "ls", "-b", Url)).Stdout.Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task BackendUrl_ComesFromTheFlag_ThenPulumiBackendUrl_ThenPulumiYaml()
    {
        File.AppendAllText(Path.Combine(_cli.ProjectDir, "Pulumi.yaml"), $"backend:\n  url: {Url.Replace("/ci?", "/from-yaml?", StringComparison.Ordinal)}\n");
        await Run("stack", "init", "yaml");
        _cli.Environment["PULUMI_BACKEND_URL"] = Url.Replace("/ci?", "/from-env?", StringComparison.Ordinal);
        await Run("stack", "init", "env");
        await Run("stack", "init", "flag", "-b", Url);
        var file = Path.Combine(_cli.Root, "files");
        await Run("stack", "init", "folder", "-b", "file://" + file);

        var keys = await KeysAsync();
        keys.ShouldContain("from-yaml/.pulumi/stacks/cli-test/yaml.json");
        keys.ShouldContain("from-env/.pulumi/stacks/cli-test/env.json");
        keys.ShouldContain("ci/.pulumi/stacks/cli-test/flag.json");
        File.Exists(Path.Combine(file, ".pulumi", "stacks", "cli-test", "folder.json")).ShouldBeTrue();
        (await Run("stack", "ls")).Stdout.Trim().ShouldBe("env", "PULUMI_BACKEND_URL wins over Pulumi.yaml");
    }

    [Fact]
    public async Task BadBackendUrl_IsRefusedWithExitCode2_NamingTheFix()
    {
        var scheme = await _cli.RunAsync("stack", "ls", "-b", "gs://bucket");
        scheme.ExitCode.ShouldBe(2);
        scheme.Stderr.ShouldContain("use file://PATH or s3://bucket/prefix?region=REGION");
        var missing = await _cli.RunAsync("stack", "ls", "-b", Url.Replace(Bucket, "no-such-bucket", StringComparison.Ordinal));
        missing.ExitCode.ShouldNotBe(0);
        missing.Stderr.ShouldContain("the state bucket 'no-such-bucket' does not exist");
    }
}
