using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using EcrAutomation.Secrets;

namespace EcrAutomation.Automation.Secrets;

/// <summary>
/// Pulumi's cloud secrets manager over AWS KMS (type <c>cloud</c>): a 32-byte data key, encrypted by the KMS key, is kept
/// with the stack (<c>encryptedkey</c> in the stack config file, <c>secrets_providers.state.encryptedkey</c> in the
/// checkpoint); values are encrypted with the data key by the same AES-256-GCM crypter as passphrase secrets. KMS is
/// called once per data key and process (GenerateDataKey for a new stack or rotation, Decrypt to open), never per value.
/// </summary>
internal sealed class AwsKmsSecretsManager : ISecretsManager
{
    private static readonly ConcurrentDictionary<(string Url, string EncryptedKey), byte[]> DataKeys = new();
    private readonly byte[] _dataKey;

    private AwsKmsSecretsManager(string url, string encryptedKey, byte[] dataKey)
    {
        Url = url;
        EncryptedKey = encryptedKey;
        _dataKey = dataKey;
    }

    /// <summary>The secrets provider URL (<c>secretsprovider</c>).</summary>
    public string Url { get; }
    /// <summary>The data key encrypted by KMS, base64 (<c>encryptedkey</c>).</summary>
    public string EncryptedKey { get; }

    public string Type => "cloud";
    public string State => JsonSerializer.Serialize(new { url = Url, encryptedkey = EncryptedKey });

    /// <summary>A fresh data key from KMS (GenerateDataKey, AES_256) for a new stack or a rotation.</summary>
    public static AwsKmsSecretsManager Create(string url)
    {
        var kms = AwsKmsUrl.Parse(url);
        var response = Call(kms, "generate a data key with", client => client.GenerateDataKeyAsync(new GenerateDataKeyRequest
        {
            KeyId = kms.KeyId,
            KeySpec = DataKeySpec.AES_256,
        }));
        var encryptedKey = Convert.ToBase64String(response.CiphertextBlob.ToArray());
        var dataKey = response.Plaintext.ToArray();
        DataKeys[(url, encryptedKey)] = dataKey;
        return new AwsKmsSecretsManager(url, encryptedKey, dataKey);
    }

    /// <summary>Opens a stack's data key (KMS Decrypt of <paramref name="encryptedKey"/>, base64).</summary>
    public static AwsKmsSecretsManager Open(string url, string encryptedKey)
    {
        var kms = AwsKmsUrl.Parse(url);
        var dataKey = DataKeys.GetOrAdd((url, encryptedKey), _ =>
        {
            byte[] blob;
            try { blob = Convert.FromBase64String(encryptedKey); }
            catch (FormatException) { throw new SecretsProviderException($"the stack's encryptedkey for '{url}' is not base64; restore the stack config file's encryptedkey, or the stack's secrets cannot be decrypted"); }
            // Like the Go CDK keeper Pulumi uses: the ciphertext names its key, so Decrypt is sent the blob alone.
            var response = Call(kms, "decrypt the stack's data key with", client => client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob) }));
            return response.Plaintext.ToArray();
        });
        if (dataKey.Length != 32)
            throw new SecretsProviderException($"KMS returned a {dataKey.Length}-byte data key for '{url}'; a stack's data key is 32 bytes (AES-256)");
        return new AwsKmsSecretsManager(url, encryptedKey, dataKey);
    }

    public string Encrypt(string plaintext) => SymmetricCrypter.Encrypt(_dataKey, plaintext);

    public string Decrypt(string ciphertext)
    {
        try { return SymmetricCrypter.Decrypt(_dataKey, ciphertext); }
        catch (CryptographicException e)
        {
            throw new SecretsProviderException($"a secret could not be decrypted with the data key of '{Url}': it was encrypted by another secrets provider or altered", e);
        }
    }

    /// <summary>
    /// One KMS call, its failures turned into <see cref="SecretsProviderException"/> naming the key and the fix. Secrets
    /// are opened synchronously by the engine, so the SDK's async call is waited for here, off any synchronization context.
    /// </summary>
    private static T Call<T>(AwsKmsUrl kms, string action, Func<IAmazonKeyManagementService, Task<T>> call)
    {
        try
        {
            using var client = CreateClient(kms);
            return Task.Run(() => call(client)).GetAwaiter().GetResult();
        }
        catch (NotFoundException e)
        {
            throw new SecretsProviderException($"could not {action} KMS key '{kms.KeyId}' ({kms.Url}): it does not exist in this account and region ({e.Message}). Create the key or alias, or fix the secrets provider URL", e);
        }
        catch (Exception e) when (e is DisabledException or KMSInvalidStateException)
        {
            throw new SecretsProviderException($"could not {action} KMS key '{kms.KeyId}' ({kms.Url}): the key is disabled or pending deletion ({e.Message}). Enable the key, or move the stack to another key with `stack change-secrets-provider`", e);
        }
        catch (AmazonServiceException e) when (e is InvalidCiphertextException or IncorrectKeyException || e.ErrorCode == "AccessDeniedException")
        {
            throw new SecretsProviderException($"could not {action} KMS key '{kms.KeyId}' ({kms.Url}): {e.Message} The stack's encryptedkey was made by another key, account or region, or altered; use the secrets provider and encryptedkey the stack was created with", e);
        }
        catch (AmazonServiceException e) when (e.StatusCode is not System.Net.HttpStatusCode.InternalServerError and not System.Net.HttpStatusCode.ServiceUnavailable)
        {
            throw new SecretsProviderException($"could not {action} KMS key '{kms.KeyId}' ({kms.Url}): KMS refused with {e.ErrorCode}: {e.Message}. Check the key's policy and the AWS credentials in use", e);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException or TaskCanceledException or IOException)
        {
            var where = kms.Endpoint ?? (kms.Region is null ? "the default region" : $"region {kms.Region}");
            throw new SecretsProviderException($"could not {action} KMS key '{kms.KeyId}' ({kms.Url}): KMS at {where} could not be reached or used ({e.Message}). Check the region, endpoint, network and AWS credentials; nothing was changed", e);
        }
    }

    private static AmazonKeyManagementServiceClient CreateClient(AwsKmsUrl kms)
    {
        var config = new AmazonKeyManagementServiceConfig { MaxErrorRetry = 2, Timeout = TimeSpan.FromSeconds(30) };
        if (kms.Region is not null) config.RegionEndpoint = RegionEndpoint.GetBySystemName(kms.Region);
        if (kms.Endpoint is not null)
        {
            config.ServiceURL = kms.Endpoint;
            if (kms.Region is not null) config.AuthenticationRegion = kms.Region;
        }
        if (kms.Profile is not null) config.Profile = new Profile(kms.Profile);
        return new AmazonKeyManagementServiceClient(config);
    }
}
