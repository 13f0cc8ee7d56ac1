namespace EcrAutomation.Cli.Tests;

/// <summary>
/// <c>refresh</c> of the deployed ECS program (repository, lifecycle policy, images, IAM, EC2, ELB, Logs, ECS) changes
/// nothing: <c>preview --expect-no-changes</c> passes after it, and a second refresh writes no state (the worker's
/// <c>--refresh</c> ticks stay free).
/// </summary>
public sealed class RefreshNoDiffCliTests() : LocalCloudProgramTest("ecs")
{
    private string StateFile() => Path.Combine(Cli.Home, ".pulumi", "stacks", "cli-test", "dev.json");

    [Fact]
    public async Task Refresh_OfTheDeployedEcsProgram_ThenPreviewExpectNoChangesPasses_AndASecondRefreshWritesNoState()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);

        var refresh = await Cli.RunAsync("refresh", "--stack", "dev", "--yes");
        refresh.ExitCode.ShouldBe(0, refresh.Stdout + refresh.Stderr);
        var preview = await Cli.RunAsync("preview", "--stack", "dev", "--expect-no-changes");
        preview.ExitCode.ShouldBe(0, preview.Stdout + preview.Stderr);
        preview.Stdout.ShouldContain("21 unchanged");

        File.Exists(StateFile()).ShouldBeTrue(StateFile());
        var state = await File.ReadAllBytesAsync(StateFile());
        var written = File.GetLastWriteTimeUtc(StateFile());
        var second = await Cli.RunAsync("refresh", "--stack", "dev", "--yes");
        second.ExitCode.ShouldBe(0, second.Stdout + second.Stderr);
        second.Stdout.ShouldContain("21 unchanged");
        (await File.ReadAllBytesAsync(StateFile())).ShouldBe(state);
        File.GetLastWriteTimeUtc(StateFile()).ShouldBe(written);

        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
    }
}
