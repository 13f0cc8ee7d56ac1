using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The README's main command on a fresh state root: the repository program against an auto-started local cloud.</summary>
public sealed class RepositoryProgramTests() : LocalCloudProgramTest("repository")
{
    [Fact]
    public async Task Up_StartsLocalCloud_CreatesSeedTree_NoOpThenDestroyRemovesRepository()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("Starting the local cloud");
        foreach (var row in new[] { "pulumi:pulumi:Stack", "awsx:ecr:Repository", "aws:ecr:Repository", "aws:ecr:LifecyclePolicy", "+ 4 created", "Duration:" })
            up.Stdout.ShouldContain(row);

        var repository = (await OutputsAsync())["url"].Split('/', 2)[1];
        (await AwsAsync("ecr", "describe-repositories", "--repository-names", repository)).ShouldContain(repository);

        (await Cli.RunAsync("up", "--stack", "dev", "--yes")).Stdout.ShouldContain("4 unchanged");

        var destroy = await Cli.RunAsync("destroy", "--stack", "dev", "--yes");
        destroy.ExitCode.ShouldBe(0, destroy.Stdout + destroy.Stderr);
        (await AwsAsync("ecr", "describe-repositories", "--query", "repositories[].repositoryName")).ShouldNotContain(repository);
    }
}
