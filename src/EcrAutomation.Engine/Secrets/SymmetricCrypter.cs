using System.Security.Cryptography;
using System.Text;

namespace EcrAutomation.Secrets;

/// <summary>
/// Pulumi's symmetric crypter, shared by every secrets provider (passphrase and key management services differ only in
/// where the 32-byte key comes from): AES-256-GCM, a 12-byte random nonce, no associated data;
/// <c>v1:&lt;base64 nonce&gt;:&lt;base64 ciphertext and tag&gt;</c>.
/// </summary>
internal static class SymmetricCrypter
{
    private const int TagSize = 16;

    public static string Encrypt(byte[] key, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[data.Length + TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(0, data.Length), sealedBytes.AsSpan(data.Length));
        return $"v1:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Decrypts a <c>v1:</c> string; a wrong key or a tampered value throws <see cref="CryptographicException"/>.</summary>
    public static string Decrypt(byte[] key, string ciphertext)
    {
        var parts = ciphertext.Split(':');
        if (parts.Length != 3 || parts[0] != "v1") throw new SecretsException("Malformed ciphertext: expected 'v1:<nonce>:<ciphertext>'.");
        var nonce = Convert.FromBase64String(parts[1]);
        var sealedBytes = Convert.FromBase64String(parts[2]);
        if (sealedBytes.Length < TagSize) throw new CryptographicException("ciphertext too short");
        var plain = new byte[sealedBytes.Length - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
