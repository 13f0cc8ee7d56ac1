using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Tests;

/// <summary>Which stack and which program a command runs: never a new stack by accident, never a silent switch of program.</summary>
public sealed class StackSelectionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("up", "--yes")]
    [InlineData("preview")]
    [InlineData("config", "set", "key", "value")]
    public async Task MistypedStack_IsNotCreated_AndTheErrorSaysHowToCreateIt(params string[] command)
    {
        var result = await _cli.RunAsync([.. command, "--stack", "typo"]);
        result.ExitCode.ShouldBe(2, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain("no stack named 'typo' found");
        result.Stderr.ShouldContain("ecr-automation stack init typo");
        (await _cli.RunAsync("stack", "ls")).Stdout.ShouldNotContain("typo");
        File.Exists(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.typo.yaml")).ShouldBeFalse();
    }

    [Fact]
    public async Task StackWithConfigFile_IsCreatedByUp()
    {
        File.WriteAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.staging.yaml"), "config:\n  ecr-automation:program: sample\n");
        var up = await _cli.RunAsync("up", "--stack", "staging", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("+ 3 created");
    }

    [Fact]
    public async Task InitializedStack_WithoutConfigFile_RunsTheDefaultProgram_AndRecordsIt()
    {
        (await _cli.RunAsync("stack", "init", "fresh")).ExitCode.ShouldBe(0);
        var up = await _cli.RunAsync("up", "--stack", "fresh", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("now runs the program 'sample'");
        File.ReadAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.fresh.yaml")).ShouldContain("ecr-automation:program: sample");
    }

    [Fact]
    public async Task StackWithResources_ButNoProgramConfigured_IsRefusedInsteadOfRunningTheDefault()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        var config = Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml");
        File.WriteAllText(config, "config: {}\n");
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(2, up.Stdout + up.Stderr);
        up.Stderr.ShouldContain("has resources but stacks/Pulumi.dev.yaml names no program");
        File.ReadAllText(config).ShouldBe("config: {}\n");
    }
}

/// <summary>A stack keeps running the program it was deployed with (<c>--program</c> is saved in its config).</summary>
public sealed class ProgramPersistenceTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new();
    private LocalCloudServer _cloud = null!;

    public async Task InitializeAsync()
    {
        _cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = Path.Combine(_cli.Root, "cloud"), StartMoto = false, WriteStateFile = false });
        File.AppendAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml"), $"  aws:endpoint: {_cloud.Endpoint}\n");
    }

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task UpWithProgram_SavesIt_SoThatAPlainUpRunsTheSameProgramAndDeletesNothing()
    {
        var first = await _cli.RunAsync("up", "--stack", "dev", "--yes", "--program", "repository");
        first.ExitCode.ShouldBe(0, first.Stdout + first.Stderr);
        first.Stdout.ShouldContain("Stack 'dev' now runs the program 'repository' (ecr-automation:program saved in stacks/Pulumi.dev.yaml)");
        File.ReadAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml")).ShouldContain("ecr-automation:program: repository");

        var plain = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        plain.ExitCode.ShouldBe(0, plain.Stdout + plain.Stderr);
        plain.Stdout.ShouldContain("4 unchanged");
        plain.Stdout.ShouldNotContain("delete");
        plain.Stdout.ShouldNotContain("now runs the program");
    }
}
