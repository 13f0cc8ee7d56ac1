using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Tests;

/// <summary>Everything the tool prints goes through the console it runs with, so a command can run in-process and be captured.</summary>
public sealed class CliConsoleTests : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ecra-console-");

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        _folder.Delete(recursive: true);
    }

    private Task<int> RunAsync(params string[] args) =>
        CliApplication.RunAsync(args, new CliConsole(_out, _error, TextReader.Null, isInputRedirected: true, isOutputRedirected: true, term: null));

    [Fact]
    public async Task Help_IsWrittenToTheConsolesOutput()
    {
        (await RunAsync("--help")).ShouldBe(0, _error.ToString());
        _out.ToString().ShouldContain("Create or update the stack's resources");
        _error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task ParseError_IsWrittenToTheConsolesError_AndExits2()
    {
        (await RunAsync("up", "--parallel", "0")).ShouldBe(2);
        _error.ToString().ShouldContain("error: --parallel must be 1 or more (got 0)");
        _error.ToString().ShouldContain("Run 'ecr-automation up --help' for usage.");
        _out.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task CommandError_IsOneErrorLineOnTheConsolesError_AndExits2()
    {
        (await RunAsync("outputs", "--cwd", _folder.FullName)).ShouldBe(2);
        _error.ToString().ShouldBe($"error: no Pulumi.yaml in '{_folder.FullName}'; --cwd must name the project folder{Environment.NewLine}");
        _out.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Terminal_IsAnOutputThatIsNotRedirected_WithATermThatCanRedraw()
    {
        new CliConsole(_out, _error, TextReader.Null, false, isOutputRedirected: false, term: "xterm").IsTerminal.ShouldBeTrue();
        new CliConsole(_out, _error, TextReader.Null, false, isOutputRedirected: true, term: "xterm").IsTerminal.ShouldBeFalse();
        new CliConsole(_out, _error, TextReader.Null, false, isOutputRedirected: false, term: "dumb").IsTerminal.ShouldBeFalse();
        new CliConsole(_out, _error, TextReader.Null, false, isOutputRedirected: false, term: null).IsTerminal.ShouldBeFalse();
    }
}
