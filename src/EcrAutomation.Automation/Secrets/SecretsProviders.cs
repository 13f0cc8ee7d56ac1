using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.Automation.Secrets;

/// <summary>
/// The secrets providers a stack can use, by the names Pulumi gives them: <c>passphrase</c> and <c>awskms://...</c>. Opens
/// a provider from a checkpoint's <c>secrets_providers</c> or a stack config file, creates one for a new stack or a
/// rotation, and records one in a stack config file as Pulumi does.
/// </summary>
internal static class SecretsProviders
{
    public const string Passphrase = "passphrase";

    /// <summary>Whether <paramref name="provider"/> names the passphrase provider (<c>passphrase</c>, or nothing).</summary>
    public static bool IsPassphrase(string? provider) => provider is null or Passphrase;

    /// <summary>Checks a secrets provider name or URL before anything is changed.</summary>
    public static void Validate(string provider)
    {
        if (IsPassphrase(provider)) return;
        if (AwsKmsUrl.Matches(provider))
        {
            try { AwsKmsUrl.Parse(provider); }
            catch (InvalidInputException e) { throw new SecretsProviderException(e.Message, e); }
            return;
        }
        throw new SecretsProviderException(
            $"secrets provider '{provider}' is not supported: use 'passphrase' or 'awskms://KEY_ID_OR_ALIAS?region=REGION' (e.g. awskms://alias/team-secrets?region=us-east-1)");
    }

    /// <summary>A new manager: a new salt for a passphrase, a new data key from KMS for an <c>awskms://</c> URL.</summary>
    public static ISecretsManager Create(string provider, Func<string> passphrase)
    {
        Validate(provider);
        return IsPassphrase(provider) ? PassphraseSecretsManager.Create(passphrase()) : AwsKmsSecretsManager.Create(provider);
    }

    /// <summary>The manager a stack config file names, or null when it names none yet.</summary>
    public static ISecretsManager? Open(StackSettings settings, Func<string> passphrase)
    {
        if (settings.SecretsProvider is { } url && settings.EncryptedKey is { } key)
        {
            Validate(url);
            return AwsKmsSecretsManager.Open(url, key);
        }
        return settings.EncryptionSalt is { } salt ? PassphraseSecretsManager.Open(passphrase(), salt) : null;
    }

    /// <summary>The manager of a checkpoint's <c>secrets_providers</c> object (<c>{type, state}</c>), which holds all it needs.</summary>
    public static ISecretsManager Open(string checkpointProvider, Func<string> passphrase)
    {
        using var doc = JsonDocument.Parse(checkpointProvider);
        var type = doc.RootElement.GetProperty("type").GetString();
        var state = doc.RootElement.GetProperty("state");
        string? Field(string name) => state.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        switch (type)
        {
            case Passphrase when Field("salt") is { } salt:
                return PassphraseSecretsManager.Open(passphrase(), salt);
            case "cloud" when Field("url") is { } url && Field("encryptedkey") is { } key:
                Validate(url);
                return AwsKmsSecretsManager.Open(url, key);
            default:
                throw new SecretsProviderException(
                    $"the stack's state is encrypted by secrets provider '{type}' ({state.GetRawText()}), which ecr-automation cannot open: " +
                    "it opens 'passphrase' and 'cloud' with an awskms:// URL. Move the stack to one of them with `pulumi stack change-secrets-provider`");
        }
    }

    /// <summary>Records <paramref name="manager"/> in a stack config file as Pulumi does: a salt, or a URL and its encrypted data key, never both.</summary>
    public static void Record(StackSettings settings, ISecretsManager manager)
    {
        switch (manager)
        {
            case PassphraseSecretsManager passphrase:
                (settings.EncryptionSalt, settings.SecretsProvider, settings.EncryptedKey) = (passphrase.EncryptionSalt, null, null);
                break;
            case AwsKmsSecretsManager kms:
                (settings.EncryptionSalt, settings.SecretsProvider, settings.EncryptedKey) = (null, kms.Url, kms.EncryptedKey);
                break;
            default:
                throw new ArgumentException($"unknown secrets manager type '{manager.Type}'", nameof(manager));
        }
    }
}
