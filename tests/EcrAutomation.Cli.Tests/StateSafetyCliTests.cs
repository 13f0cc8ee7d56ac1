using System.Security.Cryptography;
using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>Stacks are never lost or misread, and bad names, URNs and imports are refused with exit 2 and no change.</summary>
public sealed class StateSafetyCliTests : IDisposable
{
    private const string RandomIdUrn = "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::id";
    private const string SuffixUrn = "urn:pulumi:dev::cli-test::random:index/randomString:RandomString::suffix";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string StacksDir => Path.Combine(_cli.Home, ".pulumi", "stacks", "cli-test");
    private string Checkpoint => Path.Combine(StacksDir, "dev.json");

    private Dictionary<string, string> StateFiles() =>
        Directory.GetFiles(Path.Combine(_cli.Home, ".pulumi"), "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private async Task DeployAsync()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stderr);
    }

    private async Task<List<string>> UrnsAsync()
    {
        var export = await _cli.RunAsync("stack", "export", "--stack", "dev");
        export.ExitCode.ShouldBe(0, export.Stderr);
        return [.. JsonDocument.Parse(export.Stdout).RootElement.GetProperty("deployment").GetProperty("resources")
            .EnumerateArray().Select(r => r.GetProperty("urn").GetString()!)];
    }

    [Fact]
    public async Task StackWithOnlyBackup_IsListedWithTheRecoverCommand_RefusedElsewhere_AndRecovered()
    {
        await DeployAsync();
        File.Move(Checkpoint, Checkpoint + ".bak", overwrite: true);

        var ls = await _cli.RunAsync("stack", "ls");
        ls.ExitCode.ShouldBe(0, ls.Stderr);
        ls.Stdout.ShouldContain("dev  (checkpoint missing, only its backup is left: run `ecr-automation stack recover --stack dev`)");
        foreach (var args in new[] { new[] { "outputs", "--stack", "dev" }, ["stack", "export", "--stack", "dev"] })
        {
            var refused = await _cli.RunAsync(args);
            refused.ExitCode.ShouldBe(1);
            refused.Stderr.ShouldContain("ecr-automation stack recover --stack dev");
        }
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(1);
        (up.Stdout + up.Stderr).ShouldContain(Checkpoint + ".bak");
        (await _cli.RunAsync("stack", "init", "--stack", "dev")).Stderr.ShouldContain("already exists");

        var recover = await _cli.RunAsync("stack", "recover", "--stack", "dev");
        recover.ExitCode.ShouldBe(0, recover.Stderr);
        recover.Stdout.ShouldContain("Recovered stack 'dev'");
        (await _cli.RunAsync("stack", "ls")).Stdout.Trim().ShouldBe("dev");
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).Stdout.ShouldContain("3 unchanged");
    }

    [Fact]
    public async Task CorruptCheckpoint_ResourcesANumber_StopsUpNamingFileAndBackup_BothUntouched()
    {
        await DeployAsync();
        await DeployAsync(); // a second save leaves a backup
        File.WriteAllText(Checkpoint, """{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":{"manifest":{},"resources":5}}}""");
        var before = StateFiles();

        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(1);
        up.Stdout.ShouldContain($"the checkpoint '{Checkpoint}' cannot be read: 'checkpoint.latest.resources' must be an array, not a number");
        up.Stdout.ShouldContain(Checkpoint + ".bak");
        up.Stdout.ShouldNotContain("created");
        var destroy = await _cli.RunAsync("destroy", "--stack", "dev", "--yes");
        destroy.ExitCode.ShouldBe(1);
        destroy.Stdout.ShouldNotContain("deleted");
        StateFiles().Where(kv => !kv.Key.Contains("history")).ShouldBe(before.Where(kv => !kv.Key.Contains("history")));
    }

    [Fact]
    public async Task DestroyTarget_DeletesOnlyThatResource()
    {
        await DeployAsync();
        var destroy = await _cli.RunAsync("destroy", "--stack", "dev", "--yes", "--target", SuffixUrn);
        destroy.ExitCode.ShouldBe(0, destroy.Stderr);
        destroy.Stdout.ShouldContain("- 1 deleted");
        var urns = await UrnsAsync();
        urns.ShouldContain(RandomIdUrn);
        urns.ShouldNotContain(SuffixUrn);
    }

    [Theory]
    [InlineData("destroy", "--target", "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::made-up", "could not be found in the stack")]
    [InlineData("destroy", "--target", "made-up", "is not a valid URN")]
    [InlineData("up", "--target", "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::made-up", "could not be found in the stack")]
    [InlineData("up", "--replace", "urn:pulumi:", "is not a valid URN")]
    [InlineData("preview", "--target", "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::made-up", "could not be found in the stack")]
    [InlineData("preview", "--replace", "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::made-up", "could not be found in the stack")]
    [InlineData("refresh", "--target", "x::y", "is not a valid URN")]
    public async Task UnknownOrMalformedUrn_ExitsTwoNamingIt_StateUntouched(string operation, string option, string urn, string expected)
    {
        await DeployAsync();
        var before = StateFiles();
        var run = await _cli.RunAsync(operation, "--stack", "dev", "--yes", option, urn);
        run.ExitCode.ShouldBe(2, run.Stdout + run.Stderr);
        run.Stderr.ShouldContain($"'{urn}' {expected}");
        StateFiles().ShouldBe(before);
    }

    [Theory]
    [InlineData("init", ".")]
    [InlineData("init", "..")]
    [InlineData("init", "a/b")]
    [InlineData("rm", "..")]
    [InlineData("rm", ".")]
    [InlineData("rm", "../../history")]
    public async Task DotNamesAndPathSeparators_AreRefusedWithExitTwo_AndOtherStacksKeepTheirHistory(string command, string name)
    {
        await DeployAsync();
        var before = StateFiles();
        var run = await _cli.RunAsync(command == "rm" ? ["stack", "rm", "--stack", name, "--yes", "--force"] : ["stack", command, "--stack", name]);
        run.ExitCode.ShouldBe(2, run.Stdout + run.Stderr);
        run.Stderr.ShouldContain($"'{name}' is not a valid stack name");
        StateFiles().ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"version":3,"deployment":{"manifest":{},"resources":"all of them"}}""", "'deployment.resources' must be an array, not a string")]
    [InlineData("""{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:dev::cli-test::random:index/randomId:RandomId::id","type":"random:index/randomId:RandomId","custom":true,"id":"x","dependencies":["urn:pulumi:dev::cli-test::random:index/randomId:RandomId::gone"]}]}}""", "dependency")]
    [InlineData("""{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:dev::cli-test::random:index/randomId:RandomId::id","type":"random:index/randomId:RandomId","custom":true,"id":"x","provider":"urn:pulumi:dev::cli-test::pulumi:providers:random::default::1"}]}}""", "provider")]
    [InlineData("""{"version":3,"deployment":{"resources":[{"urn":"bad","type":"t:m:T"}]}}""", "not a valid URN")]
    public async Task StackImport_InvalidDeployment_ExitsTwo_NothingWritten(string json, string expected)
    {
        await DeployAsync();
        var file = Path.Combine(_cli.Root, "import.json");
        File.WriteAllText(file, json);
        var before = StateFiles();
        var run = await _cli.RunAsync("stack", "import", "--stack", "dev", "--file", file);
        run.ExitCode.ShouldBe(2, run.Stdout + run.Stderr);
        run.Stderr.ShouldContain("the deployment to import is invalid");
        run.Stderr.ShouldContain(expected);
        StateFiles().ShouldBe(before);
    }
}
