namespace EcrAutomation.Aws.Http;

/// <summary>The <c>{}</c> response of operations without output.</summary>
internal sealed record EmptyResponse;
