using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>A project folder whose Pulumi.yaml says <c>runtime: yaml</c>, run by the real CLI process (no cloud: random resources).</summary>
public sealed class YamlProjectCliTests : IDisposable
{
    private const string Program = """
        name: yaml-cli
        runtime: yaml
        config:
          prefix:
            type: string
            default: app
        resources:
          id:
            type: random:RandomId
            properties:
              byteLength: 4
        outputs:
          name: ${prefix}-${id.hex}
        """;

    private readonly CliRunner _cli = new("config: {}\n");
    private readonly string _project;

    public YamlProjectCliTests()
    {
        // The YAML project lives beside the runner's C# project: every command names it with -C/--cwd.
        _project = Directory.CreateDirectory(Path.Combine(_cli.Root, "yaml-project")).FullName;
        File.WriteAllText(Path.Combine(_project, "Pulumi.yaml"), Program);
        File.WriteAllText(Path.Combine(_project, "Pulumi.dev.yaml"), "config:\n  yaml-cli:prefix: web\n");
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Up_OfAYamlProject_RunsItsProgram_WithoutProgramOption_AndASecondUpIsUnchanged()
    {
        var up = await _cli.RunAsync("-C", _project, "up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("random:index:RandomId");
        up.Stdout.ShouldContain("+ 2 created");
        up.Stdout.ShouldNotContain("ecr-automation:program", Case.Sensitive, "a YAML project records no C# program");

        var outputs = await _cli.RunAsync("outputs", "--stack", "dev", "--json", "--cwd", _project);
        JsonSerializer.Deserialize<Dictionary<string, string>>(outputs.Stdout)!["name"].ShouldMatch("^web-[0-9a-f]{8}$");
        File.ReadAllText(Path.Combine(_project, "Pulumi.dev.yaml")).ShouldNotContain("ecr-automation:program");

        var again = await _cli.RunAsync("up", "--yes", "-C", _project, "--stack", "dev");
        again.ExitCode.ShouldBe(0, again.Stdout + again.Stderr);
        again.Stdout.ShouldContain("2 unchanged");
    }

    [Theory]
    [InlineData("-C {p} preview --stack dev")]
    [InlineData("preview -C {p} --stack dev")]
    [InlineData("preview --stack dev --cwd {p}")]
    [InlineData("--cwd={p} preview --stack dev")]
    public async Task CwdOption_NamesTheProjectFolder_InAnyPosition(string commandLine)
    {
        var preview = await _cli.RunAsync(commandLine.Replace("{p}", _project, StringComparison.Ordinal).Split(' '));
        preview.ExitCode.ShouldBe(0, preview.Stdout + preview.Stderr);
        preview.Stdout.ShouldContain("+ 2 to create");
        preview.Stdout.ShouldContain("yaml-cli-dev");
    }

    [Fact]
    public async Task YamlErrors_AreAllPrintedWithTheirPositions_Exit2_AndNothingIsTouched()
    {
        File.WriteAllText(Path.Combine(_project, "Pulumi.yaml"), """
            name: yaml-cli
            runtime: yaml
            resources:
              id:
                type: random:RandomId
                properties:
                  byteLenght: 4
              other:
                type: random:NoSuchThing
            outputs:
              name: ${missing.hex}
            """);

        var preview = await _cli.RunAsync("preview", "-C", _project, "--stack", "dev");

        preview.ExitCode.ShouldBe(2, preview.Stdout + preview.Stderr);
        var errors = preview.Stderr.Split('\n').Where(l => l.StartsWith("Pulumi.yaml:", StringComparison.Ordinal) && l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        errors.Count.ShouldBeGreaterThanOrEqualTo(3, preview.Stderr);
        errors.ShouldContain(l => l.StartsWith("Pulumi.yaml:7:", StringComparison.Ordinal) && l.Contains("byteLenght", StringComparison.Ordinal), preview.Stderr);
        errors.ShouldContain(l => l.StartsWith("Pulumi.yaml:9:", StringComparison.Ordinal) && l.Contains("random:NoSuchThing", StringComparison.Ordinal), preview.Stderr);
        errors.ShouldContain(l => l.StartsWith("Pulumi.yaml:11:", StringComparison.Ordinal) && l.Contains("missing", StringComparison.Ordinal), preview.Stderr);
        preview.Stdout.ShouldBeEmpty();

        var up = await _cli.RunAsync("up", "-C", _project, "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(2, up.Stdout + up.Stderr);
        up.Stdout.ShouldBeEmpty();
        // The stack exists (its config file names it), but nothing ran: no resources, no history, no lock.
        var export = await _cli.RunAsync("stack", "export", "-C", _project, "--stack", "dev");
        var deployment = JsonDocument.Parse(export.Stdout).RootElement.GetProperty("deployment");
        (deployment.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array ? resources.GetArrayLength() : 0).ShouldBe(0, export.Stdout);
        Directory.Exists(Path.Combine(_cli.Home, ".pulumi", "history")).ShouldBeFalse("no update ran");
        Directory.EnumerateFiles(Path.Combine(_cli.Home, ".pulumi"), "*", SearchOption.AllDirectories).ShouldNotContain(f => f.Contains("locks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProgramOption_InAYamlProject_IsRefused_WithTheFix()
    {
        var up = await _cli.RunAsync("up", "-C", _project, "--stack", "dev", "--yes", "--program", "repository");
        up.ExitCode.ShouldBe(2, up.Stdout + up.Stderr);
        up.Stderr.ShouldContain("runtime: yaml");
        up.Stderr.ShouldContain("drop --program");
    }

    [Fact]
    public async Task ConfigCommands_DoNotNeedAValidYamlProgram()
    {
        File.WriteAllText(Path.Combine(_project, "Pulumi.yaml"), "name: yaml-cli\nruntime: yaml\nresources:\n  id:\n    type: random:Nope\n");
        var set = await _cli.RunAsync("config", "set", "other", "value", "-C", _project, "--stack", "dev");
        set.ExitCode.ShouldBe(0, set.Stdout + set.Stderr);
        (await _cli.RunAsync("config", "get", "other", "-C", _project, "--stack", "dev")).Stdout.Trim().ShouldBe("value");
    }
}
