using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The seed's image step through the CLI: build ./app, publish it, no-op, then an edit updates only the image.</summary>
public sealed class ImageProgramTests() : LocalCloudProgramTest("image")
{
    [Fact]
    public async Task Up_BuildsAndPublishesApp_NoOpSecondRun_EditUpdatesOnlyTheImage()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("awsx:ecr:Image");
        up.Stdout.ShouldContain("COPY www/ /www/", Case.Sensitive, "the build output is shown");
        var first = await OutputsAsync();
        first["image"].ShouldMatch(@"^localhost:\d+/repository-[0-9a-f]{7}@sha256:[0-9a-f]{64}$");

        var again = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        again.Stdout.ShouldContain("unchanged");
        again.Stdout.ShouldNotContain("created");
        again.Stdout.ShouldNotContain("updated");
        again.Stdout.ShouldNotContain("pushed");

        File.AppendAllText(Path.Combine(Cli.ProjectDir, "app", "www", "index.html"), "\n<!-- edited -->\n");
        var edit = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        edit.ExitCode.ShouldBe(0, edit.Stdout + edit.Stderr);
        edit.Stdout.ShouldContain("~ 1 updated");
        (await OutputsAsync())["image"].ShouldNotBe(first["image"]);
    }
}
