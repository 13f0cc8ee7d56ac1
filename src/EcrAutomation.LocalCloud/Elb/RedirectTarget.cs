namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A <c>redirect</c> action's target; null parts keep the request's (<c>#{...}</c>).</summary>
internal sealed record RedirectTarget(string? Protocol, string? Host, string? Port, string? Path, string? Query, int StatusCode);
