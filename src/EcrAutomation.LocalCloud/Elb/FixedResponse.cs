namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A <c>fixed-response</c> action's answer.</summary>
internal sealed record FixedResponse(int StatusCode, string? ContentType, string? MessageBody);
