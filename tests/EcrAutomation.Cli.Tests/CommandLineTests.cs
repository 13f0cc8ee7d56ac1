namespace EcrAutomation.Cli.Tests;

/// <summary>The command line itself: bad input exits 2, and the forms the README documents work.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Parallel_BelowOne_IsRefusedAsBadInput(string parallel)
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes", "--parallel", parallel);
        up.ExitCode.ShouldBe(2, up.Stdout + up.Stderr);
        up.Stderr.ShouldContain($"--parallel must be 1 or more (got {parallel})");
        Directory.Exists(Path.Combine(_cli.Home, ".pulumi")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Unrecognized command or argument '--bogus'", "up", "--bogus")]
    [InlineData("Required command was not provided", new string[0])]
    [InlineData("Required command was not provided", "stack")]
    [InlineData("Unrecognized command or argument 'deploy'", "deploy")]
    public async Task ParseErrors_ExitWithBadInput_AndNameTheProblem(string message, params string[] args)
    {
        var result = await _cli.RunAsync(args);
        result.ExitCode.ShouldBe(2, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain(message);
        result.Stderr.ShouldContain("--help' for usage");
    }

    [Fact]
    public async Task StackInitAndRm_TakeTheStackNameAsAnArgument()
    {
        var init = await _cli.RunAsync("stack", "init", "staging");
        init.ExitCode.ShouldBe(0, init.Stdout + init.Stderr);
        (await _cli.RunAsync("stack", "ls")).Stdout.ShouldContain("staging");
        var rm = await _cli.RunAsync("stack", "rm", "staging", "--yes");
        rm.ExitCode.ShouldBe(0, rm.Stdout + rm.Stderr);
        (await _cli.RunAsync("stack", "ls")).Stdout.ShouldNotContain("staging");
    }

    [Fact]
    public async Task StackInit_TwoDifferentNames_IsBadInput()
    {
        var init = await _cli.RunAsync("stack", "init", "staging", "--stack", "prod");
        init.ExitCode.ShouldBe(2);
        init.Stderr.ShouldContain("two different stacks");
    }

    [Fact]
    public async Task Cwd_WorksAfterTheSubcommand()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_cli.Root, "elsewhere")).FullName;
        File.Copy(Path.Combine(_cli.ProjectDir, "Pulumi.yaml"), Path.Combine(elsewhere, "Pulumi.yaml"));
        (await _cli.RunAsync("stack", "init", "--stack", "other", "-C", elsewhere)).ExitCode.ShouldBe(0);
        var ls = await _cli.RunAsync("stack", "ls", "--cwd", elsewhere);
        ls.ExitCode.ShouldBe(0, ls.Stdout + ls.Stderr);
        ls.Stdout.ShouldContain("other");
    }

    [Fact]
    public async Task DestroyAndRefresh_AcceptProgram_AsTheReadmeSays()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes", "--program", "sample")).ExitCode.ShouldBe(0);
        var refresh = await _cli.RunAsync("refresh", "--stack", "dev", "--yes", "--program", "sample");
        refresh.ExitCode.ShouldBe(0, refresh.Stdout + refresh.Stderr);
        var destroy = await _cli.RunAsync("destroy", "--stack", "dev", "--yes", "--program", "sample");
        destroy.ExitCode.ShouldBe(0, destroy.Stdout + destroy.Stderr);
        destroy.Stdout.ShouldContain("- 3 deleted");
        (await _cli.RunAsync("destroy", "--help")).Stdout.ShouldContain("ignored");
    }
}
