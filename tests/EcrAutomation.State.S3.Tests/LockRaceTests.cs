using System.Diagnostics;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.State.S3.Tests;

/// <summary>Separate processes race for one stack's lock on S3, round after round: the conditional create admits exactly one.</summary>
public sealed class LockRaceTests
{
    private const int Processes = 8;
    private const int Rounds = 100;

    [Fact]
    public async Task EightProcesses_RaceForOneStacksLock_HundredRounds_ExactlyOneHolderEachRound_EveryLoserToldWho()
    {
        await using var s3 = await S3Backend.LocalCloudAsync();
        var outcomes = await RaceAsync(s3.Url(), Path.Combine(s3.Root, "barrier"));

        for (var round = 0; round < Rounds; round++)
        {
            var inRound = outcomes.Where(o => o.Round == round).ToList();
            inRound.Count.ShouldBe(Processes, $"round {round}: every process tried");
            var winner = inRound.Where(o => o.Won).ShouldHaveSingleItem($"round {round}: exactly one holder");
            foreach (var loser in inRound.Where(o => !o.Won))
            {
                loser.HolderPid.ShouldBe(winner.Pid, $"round {round}: the loser is told who holds the lock");
                loser.Message.ShouldContain("the stack is currently locked by");
                loser.Message.ShouldContain($"(pid {winner.Pid})");
            }
        }
        outcomes.Select(o => o.Pid).Where((_, i) => outcomes[i].Won).Distinct().Count()
            .ShouldBeGreaterThan(1, "the lock changed hands: a release lets the next round's race be won by anyone");
    }

    private sealed record Outcome(int Round, bool Won, int Pid, int? HolderPid, string Message);

    /// <summary>Runs the processes to the end and returns every attempt of every round.</summary>
    private static async Task<List<Outcome>> RaceAsync(string url, string barrierDir)
    {
        var processes = Enumerable.Range(0, Processes).Select(i =>
        {
            var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "EcrAutomation.Testing"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "lock-race", url, i.ToString(), Processes.ToString(), Rounds.ToString(), barrierDir }) start.ArgumentList.Add(a);
            FakeAwsEnvironment.ApplyTo(start.Environment);
            return Process.Start(start)!;
        }).ToList();
        var outcomes = new List<Outcome>();
        foreach (var p in processes)
        {
            using (p)
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
                await p.WaitForExitAsync(timeout.Token);
                p.ExitCode.ShouldBe(0, await stderr);
                foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Split(' ', 4);
                    outcomes.Add(parts[1] == "won"
                        ? new Outcome(int.Parse(parts[0]), true, p.Id, null, "")
                        : new Outcome(int.Parse(parts[0]), false, p.Id, int.TryParse(parts[2], out var holder) ? holder : null, parts.Length > 3 ? parts[3] : ""));
                }
            }
        }
        return outcomes;
    }
}
