namespace EcrAutomation.Workloads;

/// <summary>One line a container wrote, without its line ending, as it was read from the container's stdout or stderr.</summary>
/// <param name="Timestamp">When the line was read.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line's text (UTF-8 decoded, line ending removed).</param>
public sealed record ContainerLogLine(DateTimeOffset Timestamp, string Stream, string Text);
