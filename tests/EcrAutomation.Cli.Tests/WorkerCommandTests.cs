using System.Diagnostics;

namespace EcrAutomation.Cli.Tests;

public sealed class WorkerCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Worker_RunNow_DeploysThenWaitsAndStopsGracefullyOnSigterm()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ecr-automation"))
        {
            WorkingDirectory = _cli.ProjectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No --stack: the default stack (ECR_AUTOMATION_STACK, else dev).
        foreach (var a in new[] { "worker", "--schedule", "0 0 1 1 *", "--run-now" }) start.ArgumentList.Add(a);
        start.Environment["ECR_AUTOMATION_HOME"] = _cli.Home;
        foreach (var (k, v) in _cli.Environment) start.Environment[k] = v;
        using var worker = Process.Start(start)!;
        var stderr = worker.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await worker.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Contains("Next deployment at 2027-01-01")) break;
        }
        lines.ShouldContain(l => l.Contains("+ 3 created"));
        lines.ShouldContain(l => l.Contains("Scheduled update of dev Succeeded"));

        using (var term = Process.Start("kill", ["-TERM", worker.Id.ToString()])) await term.WaitForExitAsync();
        await worker.WaitForExitAsync(timeout.Token);
        worker.ExitCode.ShouldBe(0, await stderr);

        var outputs = await _cli.RunAsync("outputs", "--stack", "dev", "--json");
        outputs.Stdout.ShouldContain("sample-");
    }

    [Fact]
    public async Task Worker_BadSchedule_ClearErrorAndBadInputExit()
    {
        var result = await _cli.RunAsync("worker", "--stack", "dev", "--schedule", "every minute");
        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldContain("is not a cron expression");
    }
}
