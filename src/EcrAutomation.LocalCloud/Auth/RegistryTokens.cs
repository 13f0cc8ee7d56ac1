using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace EcrAutomation.LocalCloud.Auth;

/// <summary>
/// Issues and checks registry passwords. A password is <c>v1.&lt;base64url(account|expiry)&gt;.&lt;base64url(HMAC-SHA256)&gt;</c>,
/// signed with a 32-byte secret kept in <c>&lt;data&gt;/token-secret</c> (mode 0600), so tokens survive restarts,
/// expire on their own and cannot be forged without the file.
/// </summary>
internal sealed class RegistryTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly byte[] _secret;
    private readonly TimeProvider _time;

    public RegistryTokens(string dataDirectory, TimeProvider time)
    {
        _time = time;
        var path = Path.Combine(dataDirectory, "token-secret");
        if (File.Exists(path))
        {
            _secret = File.ReadAllBytes(path);
        }

        if (_secret is null || _secret.Length != 32)
        {
            _secret = RandomNumberGenerator.GetBytes(32);
            using (var stream = new FileStream(path, Storage.AtomicFile.PrivateFile(FileMode.Create)))
            {
                stream.Write(_secret);
                stream.Flush(flushToDisk: true);
            }
        }
    }

    /// <summary>Creates a password for the account, valid for 12 hours.</summary>
    public (string Password, DateTimeOffset ExpiresAt) Issue(string accountId)
    {
        var expires = _time.GetUtcNow() + Lifetime;
        var payload = Encoding.UTF8.GetBytes($"{accountId}|{expires.ToUnixTimeSeconds()}");
        return ($"v1.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(payload))}", expires);
    }

    /// <summary>The ECR authorization token: base64("AWS:" + password).</summary>
    public static string ToAuthorizationToken(string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password));

    /// <summary>Checks a password: signature, expiry and account.</summary>
    public bool Validate(string password, string accountId)
    {
        var parts = password.Split('.');
        if (parts.Length != 3 || parts[0] != "v1")
        {
            return false;
        }

        byte[] payload;
        byte[] signature;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
        {
            return false;
        }

        var fields = Encoding.UTF8.GetString(payload).Split('|');
        return fields.Length == 2
            && fields[0] == accountId
            && long.TryParse(fields[1], out var expiry)
            && _time.GetUtcNow().ToUnixTimeSeconds() < expiry;
    }

    /// <summary>Checks an HTTP <c>Authorization: Basic</c> header value (user must be AWS).</summary>
    public bool ValidateBasicHeader(string? header, string accountId)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && decoded[..colon] == "AWS" && Validate(decoded[(colon + 1)..], accountId);
    }

    /// <summary>Signs an arbitrary string (used for layer download URLs).</summary>
    public string SignString(string value) => Base64Url.EncodeToString(Sign(Encoding.UTF8.GetBytes(value)));

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(_secret, payload);
}
