using EcrAutomation.Secrets;

namespace EcrAutomation.Automation;

/// <summary>
/// The stack's secrets provider cannot be used: a secrets provider URL that is not supported, a KMS key that does not
/// exist or may not be used, a data key that does not belong to the key, or a key management service that cannot be
/// reached. The message names the provider and the fix; nothing was changed.
/// </summary>
public sealed class SecretsProviderException(string message, Exception? inner = null) : SecretsException(message, inner);
