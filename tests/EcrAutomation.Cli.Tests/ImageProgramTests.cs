using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The seed's image step through the CLI: build ./app, publish it, no-op, then an edit updates only the image.</summary>
public sealed class ImageProgramTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new("config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: image\n");

    public Task InitializeAsync()
    {
        _cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
        DemoApp.CopyTo(_cli.ProjectDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cli.RunAsync("local", "stop");
        _cli.Dispose();
    }

    [Fact]
    public async Task Up_BuildsAndPublishesApp_NoOpSecondRun_EditUpdatesOnlyTheImage()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("awsx:ecr:Image");
        up.Stdout.ShouldContain("COPY www/ /www/", Case.Sensitive, "the build output is shown");
        var first = await OutputsAsync();
        first["image"].ShouldMatch(@"^localhost:\d+/repository-[0-9a-f]{7}@sha256:[0-9a-f]{64}$");

        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.Stdout.ShouldContain("unchanged");
        again.Stdout.ShouldNotContain("created");
        again.Stdout.ShouldNotContain("updated");
        again.Stdout.ShouldNotContain("pushed");

        File.AppendAllText(Path.Combine(_cli.ProjectDir, "app", "www", "index.html"), "\n<!-- edited -->\n");
        var edit = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        edit.ExitCode.ShouldBe(0, edit.Stdout + edit.Stderr);
        edit.Stdout.ShouldContain("~ 1 updated");
        (await OutputsAsync())["image"].ShouldNotBe(first["image"]);
    }

    private async Task<Dictionary<string, string>> OutputsAsync()
    {
        var outputs = await _cli.RunAsync("outputs", "--stack", "dev", "--json");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(outputs.Stdout)!;
    }
}
