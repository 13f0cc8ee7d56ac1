using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcrAutomation.Secrets;

/// <summary>Encrypts and decrypts secret values.</summary>
public interface ISecretsManager
{
    /// <summary>The provider type written to checkpoints as <c>secrets_providers.type</c> (<c>passphrase</c>, <c>cloud</c>).</summary>
    string Type { get; }
    /// <summary>
    /// The provider's state as a JSON object, written to checkpoints as <c>secrets_providers.state</c> so the state can be
    /// decrypted from the checkpoint alone, as Pulumi does: <c>{"salt": ...}</c> for a passphrase,
    /// <c>{"url": ..., "encryptedkey": ...}</c> for a key management service.
    /// </summary>
    string State { get; }
    /// <summary>Encrypts a value for the state or a stack config file.</summary>
    string Encrypt(string plaintext);
    /// <summary>Decrypts a value <see cref="Encrypt"/> produced.</summary>
    string Decrypt(string ciphertext);
}

/// <summary>
/// Pulumi-compatible passphrase secrets: PBKDF2-HMAC-SHA256 (1,000,000 iterations, 8-byte salt) derives an AES-256-GCM key;
/// ciphertexts are <c>v1:&lt;base64 nonce&gt;:&lt;base64 sealed&gt;</c>; the salt string is <c>v1:&lt;base64 salt&gt;:&lt;E("pulumi")&gt;</c>.
/// </summary>
public sealed class PassphraseSecretsManager : ISecretsManager
{
    private const int Iterations = 1_000_000;
    private static readonly ConcurrentDictionary<(string Salt, string PassphraseHash), byte[]> KeyCache = new();

    private readonly byte[] _key;

    private PassphraseSecretsManager(byte[] key, string encryptionSalt)
    {
        _key = key;
        EncryptionSalt = encryptionSalt;
    }

    /// <inheritdoc/>
    public string Type => "passphrase";
    /// <summary>The salt string of the stack config file's <c>encryptionsalt</c>: <c>v1:&lt;salt&gt;:&lt;E("pulumi")&gt;</c>.</summary>
    public string EncryptionSalt { get; }
    /// <inheritdoc/>
    public string State => JsonSerializer.Serialize(new { salt = EncryptionSalt });

    /// <summary>Creates a new salt for a stack and the manager for it.</summary>
    public static PassphraseSecretsManager Create(string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var key = DeriveKey(passphrase, salt);
        var check = SymmetricCrypter.Encrypt(key, "pulumi");
        return new PassphraseSecretsManager(key, $"v1:{Convert.ToBase64String(salt)}:{check}");
    }

    /// <summary>Opens an existing stack's secrets; throws <see cref="IncorrectPassphraseException"/> for a wrong passphrase.</summary>
    public static PassphraseSecretsManager Open(string passphrase, string encryptionSalt)
    {
        var parts = encryptionSalt.Split(':', 3);
        if (parts.Length != 3 || parts[0] != "v1")
            throw new SecretsException($"The stack's encryptionsalt '{encryptionSalt}' is malformed: expected 'v1:<salt>:<check>'.");
        var salt = Convert.FromBase64String(parts[1]);
        var cacheKey = (encryptionSalt, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(passphrase))));
        var key = KeyCache.GetOrAdd(cacheKey, _ => DeriveKey(passphrase, salt));
        string check;
        try { check = SymmetricCrypter.Decrypt(key, parts[2]); }
        catch (CryptographicException) { KeyCache.TryRemove(cacheKey, out _); throw new IncorrectPassphraseException(); }
        if (check != "pulumi") throw new IncorrectPassphraseException();
        return new PassphraseSecretsManager(key, encryptionSalt);
    }

    /// <inheritdoc/>
    public string Encrypt(string plaintext) => SymmetricCrypter.Encrypt(_key, plaintext);

    /// <inheritdoc/>
    public string Decrypt(string ciphertext)
    {
        try { return SymmetricCrypter.Decrypt(_key, ciphertext); }
        catch (CryptographicException) { throw new IncorrectPassphraseException(); }
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);
}

/// <summary>Reads the passphrase the way Pulumi does.</summary>
public static class PassphraseSource
{
    /// <summary>The error when neither variable is set (Pulumi's words).</summary>
    public const string MissingMessage =
        "passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables";

    /// <summary>PULUMI_CONFIG_PASSPHRASE if set (even empty), else the trimmed content of PULUMI_CONFIG_PASSPHRASE_FILE, else null.</summary>
    public static string? Read(IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Get(string name) => environment is not null && environment.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
        var value = Get("PULUMI_CONFIG_PASSPHRASE");
        if (value is not null) return value;
        var file = Get("PULUMI_CONFIG_PASSPHRASE_FILE");
        if (string.IsNullOrEmpty(file)) return null;
        if (!File.Exists(file)) throw new SecretsException($"PULUMI_CONFIG_PASSPHRASE_FILE points at '{file}', which does not exist.");
        return File.ReadAllText(file).Trim();
    }
}

/// <summary>A secrets failure the user can fix.</summary>
public class SecretsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The passphrase does not match the stack's encryption salt.</summary>
public sealed class IncorrectPassphraseException() : SecretsException(
    "failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase this stack was created with");
