namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>One line a container wrote.</summary>
/// <param name="Timestamp">When the runtime read it (what <c>kubectl logs --timestamps</c> shows).</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The line, without its line break.</param>
public sealed record PodLogLine(DateTimeOffset Timestamp, string Stream, string Text);
