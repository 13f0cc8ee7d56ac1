namespace EcrAutomation.Aws.Http;

/// <summary>The <c>{}</c> response of operations without output.</summary>
public sealed record EmptyResponse;
