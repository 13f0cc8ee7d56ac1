using Spectre.Console;

namespace EcrAutomation.Cli.Display;

/// <summary>
/// The tool's one way to the terminal: standard output, standard error, standard input and what they are connected to.
/// Commands write only through it, so a test can run them with its own writers.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error, TextReader input, bool isInputRedirected, bool isOutputRedirected, string? term)
{
    private IAnsiConsole? _ansi;

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, Console.In, Console.IsInputRedirected, Console.IsOutputRedirected, Environment.GetEnvironmentVariable("TERM"));

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Whether a person can answer a question (standard input is not redirected).</summary>
    public bool IsInteractive { get; } = !isInputRedirected;

    /// <summary>Whether standard output is a terminal that can redraw (not redirected, and TERM names one).</summary>
    public bool IsTerminal { get; } = !isOutputRedirected && term is not (null or "dumb");

    /// <summary>Spectre.Console over <see cref="Out"/>, for the live display.</summary>
    public IAnsiConsole Ansi => _ansi ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });

    public void WriteLine(string line = "") => Out.WriteLine(line);

    /// <summary>Writes <c>error: message</c> to standard error.</summary>
    public void WriteError(string message) => Error.WriteLine("error: " + message);

    /// <summary>Writes <c>warning: message</c> to standard error.</summary>
    public void WriteWarning(string message) => Error.WriteLine("warning: " + message);

    /// <summary>Asks a question on standard output and returns the answer line (null at the end of input).</summary>
    public async Task<string?> AskAsync(string question, CancellationToken cancellationToken)
    {
        Out.Write(question);
        return await Task.Run(input.ReadLine, cancellationToken).WaitAsync(cancellationToken);
    }

    /// <summary>All of standard input.</summary>
    public Task<string> ReadToEndAsync(CancellationToken cancellationToken) => input.ReadToEndAsync(cancellationToken);
}
