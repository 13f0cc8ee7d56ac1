using System.Text.Json;

namespace EcrAutomation.Images.Building;

/// <summary>A Dockerfile is malformed or an instruction cannot be carried out; the message names the line.</summary>
public sealed class DockerfileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DockerfileException(string message, int line)
        : base($"Dockerfile line {line}: {message}")
    {
        Line = line;
    }

    /// <summary>1-based line of the offending instruction.</summary>
    public int Line { get; }
}
