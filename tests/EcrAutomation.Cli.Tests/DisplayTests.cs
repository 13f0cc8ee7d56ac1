namespace EcrAutomation.Cli.Tests;

public sealed class DisplayTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task NoOpUp_PrintsOneBlankLineBetweenHeaderAndTree()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldStartWith("Updating (dev):\n\n     Type");
    }
}
