namespace EcrAutomation.Cli.Tests;

/// <summary>Stack config and Pulumi.yaml that cannot be used are errors naming file, line and column, never silently empty.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string StackFile => Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml");

    [Theory]
    [InlineData("config:\n  - ecr-automation:program: sample\n", "Pulumi.dev.yaml:2:3: 'config' must be a mapping")]
    [InlineData("config:\n  ecr-automation:program: [sample, ecs]\n", "Pulumi.dev.yaml:2:27: config value 'ecr-automation:program' must be a string or {secure: ...}, not a list")]
    [InlineData("config:\n  ecr-automation:program:\n    name: sample\n", "Pulumi.dev.yaml:3:5: config value 'ecr-automation:program' must be a string or {secure: ...}, not a mapping")]
    [InlineData("config:\n  [a, b]: c\n", "Pulumi.dev.yaml:2:3: a config key must be a string, not a list")]
    [InlineData("config:\n  a:b:c:d: x\n", "Pulumi.dev.yaml:2:3: configuration keys should be of the form")]
    [InlineData("config:\n  ecr-automation:program: \"sample\n", "Pulumi.dev.yaml:2:27: not valid YAML: While scanning a quoted scalar")]
    [InlineData("- config\n", "Pulumi.dev.yaml:1:1: the top level must be a mapping")]
    public async Task UnusableStackConfig_IsBadInputNamingFileLineAndColumn(string yaml, string message)
    {
        File.WriteAllText(StackFile, yaml);
        async Task RefusedAsync(params string[] command)
        {
            var result = await _cli.RunAsync(command);
            result.ExitCode.ShouldBe(2, string.Join(' ', command) + ": " + result.Stdout + result.Stderr);
            result.Stderr.ShouldContain(message);
        }
        // A new stack is not created from an unusable file...
        await RefusedAsync("preview", "--stack", "dev");
        await RefusedAsync("up", "--stack", "dev", "--yes");
        Directory.Exists(Path.Combine(_cli.Home, ".pulumi")).ShouldBeFalse();
        // ...and an existing one does not run with it.
        (await _cli.RunAsync("stack", "init", "dev")).ExitCode.ShouldBe(0);
        await RefusedAsync("up", "--stack", "dev", "--yes");
        await RefusedAsync("config", "get", "x", "--stack", "dev");
        File.ReadAllText(StackFile).ShouldBe(yaml);
    }

    [Theory]
    [InlineData("name: [a, b]\nruntime: dotnet\n", "Pulumi.yaml:1:7: 'name' must be a string, not a list")]
    [InlineData("name: x\nruntime: [dotnet]\n", "Pulumi.yaml:2:10: 'runtime' must be a string, not a list")]
    [InlineData("name: x\nruntime: dotnet\nstackConfigDir: {a: b}\n", "Pulumi.yaml:3:17: 'stackConfigDir' must be a string, not a mapping")]
    [InlineData("name: x\nname: y\n", "Pulumi.yaml:2:1: not valid YAML: Duplicate key")]
    [InlineData("name: 'x\n", "Pulumi.yaml:1:7: not valid YAML: While scanning a quoted scalar")]
    [InlineData("runtime: dotnet\n", "Pulumi.yaml: 'name' is required")]
    [InlineData("name: ../../escape\n", "Pulumi.yaml:1:7: '../../escape' is not a valid project name")]
    [InlineData("just text\n", "Pulumi.yaml:1:1: the top level must be a mapping")]
    public async Task MalformedPulumiYaml_IsBadInputNamingFileLineAndColumn(string yaml, string message)
    {
        File.WriteAllText(Path.Combine(_cli.ProjectDir, "Pulumi.yaml"), yaml);
        var result = await _cli.RunAsync("preview", "--stack", "dev");
        result.ExitCode.ShouldBe(2, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain(message);
        result.Stderr.ShouldNotContain("Exception");
    }

    [Theory]
    [InlineData("lokal")]
    [InlineData("LOCAL")]
    [InlineData("")]
    public async Task UnknownCloud_IsBadInputListingTheAcceptedValues(string cloud)
    {
        File.WriteAllText(StackFile, $"config:\n  ecr-automation:program: sample\n  ecr-automation:cloud: \"{cloud}\"\n");
        var result = await _cli.RunAsync("preview", "--stack", "dev");
        result.ExitCode.ShouldBe(2, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain($"ecr-automation:cloud is '{cloud}', which is not a cloud; use one of: local, aws");
        Directory.Exists(Path.Combine(_cli.Home, ".pulumi")).ShouldBeFalse();
    }

    [Fact]
    public async Task UnknownHostKey_WarnsWithDidYouMean()
    {
        File.WriteAllText(StackFile, "config:\n  ecr-automation:program: sample\n  ecr-automation:clod: local\n");
        var result = await _cli.RunAsync("preview", "--stack", "dev");
        result.ExitCode.ShouldBe(0, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain("warning: stacks/Pulumi.dev.yaml: unknown config key 'ecr-automation:clod' (ignored); did you mean 'ecr-automation:cloud'?");
    }

    [Fact]
    public async Task ConfigValueOfTheWrongType_NamesKeyAndValue()
    {
        File.WriteAllText(StackFile, "config:\n  ecr-automation:program: sample\n  cli-test:suffixLength: six\n");
        var result = await _cli.RunAsync("preview", "--stack", "dev");
        result.ExitCode.ShouldNotBe(0);
        result.Stdout.ShouldContain("Configuration 'cli-test:suffixLength' value 'six' is not an integer");
    }
}
