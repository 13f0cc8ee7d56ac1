using System.Text.RegularExpressions;

namespace EcrAutomation.Images.Building.Stages;

/// <summary>What the daemonless builder can assemble, and the message for what needs a Docker engine instead.</summary>
internal static partial class DaemonlessSupport
{
    public static readonly HashSet<string> SupportedKeywords = new(StringComparer.Ordinal)
    {
        "FROM", "ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE", "ENTRYPOINT", "CMD", "COPY", "ADD", "STOPSIGNAL", "VOLUME", "SHELL", "MAINTAINER",
    };
    public static readonly HashSet<string> EngineKeywords = new(StringComparer.Ordinal) { "RUN", "HEALTHCHECK", "ONBUILD" };
    private static readonly HashSet<string> SupportedCopyFlags = new(StringComparer.OrdinalIgnoreCase) { "from", "chown", "chmod", "link" };

    public static string? RequiresEngine(DockerfileInstruction instruction)
    {
        if (EngineKeywords.Contains(instruction.Keyword))
        {
            return $"Dockerfile line {instruction.Line}: '{Shorten(instruction.Text)}' needs a Docker engine: the daemonless builder only assembles images from FROM, COPY/ADD and metadata instructions and cannot run {instruction.Keyword}. Use the Docker engine builder (builder: docker) for this Dockerfile.";
        }

        if (instruction.Keyword is "COPY" or "ADD")
        {
            if (instruction.Flags.FirstOrDefault(f => !SupportedCopyFlags.Contains(f.Key)) is { Key: not null } flag)
            {
                return $"Dockerfile line {instruction.Line}: {instruction.Keyword} --{flag.Key} needs a Docker engine (the daemonless builder supports --from, --chown, --chmod and --link). Use the Docker engine builder (builder: docker).";
            }

            if (instruction.Keyword == "ADD" && (instruction.JsonArguments ?? instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(s => UrlPattern().IsMatch(s)))
            {
                return $"Dockerfile line {instruction.Line}: ADD of a URL or git repository needs a Docker engine (the daemonless builder never downloads at build time). Use COPY of a local file, or the Docker engine builder (builder: docker).";
            }

            if (instruction.Arguments.Contains("<<", StringComparison.Ordinal))
            {
                return $"Dockerfile line {instruction.Line}: here-documents need a Docker engine. Use the Docker engine builder (builder: docker).";
            }
        }

        return null;
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex("^(https?://|git@|git://)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
