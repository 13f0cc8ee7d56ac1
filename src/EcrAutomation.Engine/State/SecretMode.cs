namespace EcrAutomation.State;

/// <summary>How secrets are written: encrypted (state), shown (export --show-secrets) or blinded (events).</summary>
internal enum SecretMode { Encrypt, Plaintext, Blind }
