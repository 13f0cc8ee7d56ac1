using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

public sealed class OperationCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task SampleProgram_PreviewUpNoOpDestroy_ShowsPulumiStyleDisplay()
    {
        var preview = await _cli.RunAsync("preview", "--stack", "dev");
        preview.ExitCode.ShouldBe(0, preview.Stderr);
        preview.Stdout.ShouldContain("Previewing update (dev):");
        preview.Stdout.ShouldContain("+ 3 to create");

        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stderr);
        up.Stdout.ShouldContain("Updating (dev):");
        up.Stdout.ShouldContain("pulumi:pulumi:Stack");
        up.Stdout.ShouldMatch(@"[├└]─ random:index:RandomId\s+id\s+created");
        up.Stdout.ShouldContain("Outputs:");
        up.Stdout.ShouldContain("+ 3 created");
        up.Stdout.ShouldContain("Duration:");

        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.ExitCode.ShouldBe(0);
        again.Stdout.ShouldContain("3 unchanged");

        var outputs = await _cli.RunAsync("outputs", "--stack", "dev", "--json");
        using (var doc = JsonDocument.Parse(outputs.Stdout))
            doc.RootElement.GetProperty("name").GetString()!.ShouldStartWith("sample-");

        var destroy = await _cli.RunAsync("destroy", "--stack", "dev", "--yes");
        destroy.ExitCode.ShouldBe(0);
        destroy.Stdout.ShouldContain("- 3 deleted");
    }

    [Fact]
    public async Task Up_Json_PrintsOnlyNdjsonEvents_EndingWithCancelEvent()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes", "--json");
        up.ExitCode.ShouldBe(0, up.Stderr);
        var lines = up.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThan(4);
        var events = lines.Select(l => JsonDocument.Parse(l)).ToList();
        events[0].RootElement.TryGetProperty("preludeEvent", out _).ShouldBeTrue();
        events[^1].RootElement.TryGetProperty("cancelEvent", out _).ShouldBeTrue();
        events.Select(e => e.RootElement.GetProperty("sequence").GetInt64()).ShouldBe(Enumerable.Range(0, events.Count).Select(i => (long)i));
        events[^2].RootElement.GetProperty("summaryEvent").GetProperty("resourceChanges").GetProperty("create").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Up_WithoutYes_NotInteractive_RefusesWithNonZeroExit()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev");
        up.ExitCode.ShouldNotBe(0);
        up.Stderr.ShouldContain("--yes");
    }

    [Fact]
    public async Task Up_ExpectNoChanges_WithChanges_ExitsNonZero()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes", "--expect-no-changes");
        up.ExitCode.ShouldNotBe(0);
        up.Stdout.ShouldContain("no changes were expected");
    }

    [Fact]
    public async Task Outputs_Name_PrintsThatValueAlone_UnknownNameIsBadInputListingTheOutputs()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);

        var name = await _cli.RunAsync("outputs", "name", "--stack", "dev");
        name.ExitCode.ShouldBe(0, name.Stderr);
        name.Stdout.Trim().ShouldStartWith("sample-");
        name.Stdout.ShouldNotContain("OUTPUT");
        (await _cli.RunAsync("outputs", "name", "--stack", "dev", "--json")).Stdout.Trim().ShouldBe($"\"{name.Stdout.Trim()}\"");

        var unknown = await _cli.RunAsync("outputs", "nmae", "--stack", "dev");
        unknown.ExitCode.ShouldBe(2);
        unknown.Stderr.ShouldContain("the stack has no output 'nmae'; its outputs are: id, name");
    }

    [Fact]
    public async Task Outputs_UnknownStack_ClearErrorAndNonZeroExit()
    {
        var outputs = await _cli.RunAsync("outputs", "--stack", "nope");
        outputs.ExitCode.ShouldNotBe(0);
        outputs.Stderr.ShouldContain("no stack named 'nope' found");
    }

    [Fact]
    public async Task Config_SetSecret_IsEncryptedInStackFileAndReadable()
    {
        (await _cli.RunAsync("config", "set", "token", "very-secret-value", "--secret", "--stack", "dev")).ExitCode.ShouldBe(0);
        var file = File.ReadAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml"));
        file.ShouldNotContain("very-secret-value");
        file.ShouldContain("secure: v1:");
        file.ShouldContain("encryptionsalt: v1:");
        var get = await _cli.RunAsync("config", "get", "token", "--stack", "dev");
        get.Stdout.Trim().ShouldBe("very-secret-value");
    }

    [Fact]
    public async Task StackExportImport_RoundTrips()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        var file = Path.Combine(_cli.Root, "export.json");
        (await _cli.RunAsync("stack", "export", "--stack", "dev", "--file", file)).ExitCode.ShouldBe(0);
        File.ReadAllText(file).ShouldContain("\"deployment\"");
        (await _cli.RunAsync("stack", "import", "--stack", "dev", "--file", file)).ExitCode.ShouldBe(0);
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).Stdout.ShouldContain("3 unchanged");
        var history = await _cli.RunAsync("history", "--stack", "dev");
        history.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
    }
}

public sealed class DiffDisplayTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Preview_Diff_ShowsPropertyChangeThatForcesReplacement()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        (await _cli.RunAsync("config", "set", "suffixLength", "8", "--stack", "dev")).ExitCode.ShouldBe(0);
        var preview = await _cli.RunAsync("preview", "--stack", "dev", "--diff");
        preview.ExitCode.ShouldBe(0, preview.Stderr);
        preview.Stdout.ShouldContain("+- random:index/randomString:RandomString: (replace)");
        preview.Stdout.ShouldContain("+- length: 6 => 8 (forces replacement)");
        preview.Stdout.ShouldContain("+-1 to replace");
    }
}
