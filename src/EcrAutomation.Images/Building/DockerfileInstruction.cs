using System.Text.Json;

namespace EcrAutomation.Images.Building;

/// <summary>One Dockerfile instruction after joining continuation lines and removing comments.</summary>
public sealed record DockerfileInstruction
{
    /// <summary>Upper-case keyword, e.g. <c>COPY</c>.</summary>
    public required string Keyword { get; init; }

    /// <summary>Everything after the keyword and its flags, continuation lines joined.</summary>
    public required string Arguments { get; init; }

    /// <summary>The <c>--name=value</c> flags before the arguments (FROM, COPY, ADD, ...), in order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string?>> Flags { get; init; }

    /// <summary>The exec (JSON array) form's elements, or null for the shell form.</summary>
    public IReadOnlyList<string>? JsonArguments { get; init; }

    /// <summary>1-based line where the instruction starts.</summary>
    public required int Line { get; init; }

    /// <summary>The instruction as written (joined, single line), for messages and history.</summary>
    public required string Text { get; init; }

    /// <summary>The value of the last <c>--name</c> flag (such as COPY's <c>--from</c>), or null when the instruction has none.</summary>
    public string? Flag(string name) => Flags.LastOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
