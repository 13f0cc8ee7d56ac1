using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.KeyManagementService.Model;
using EcrAutomation.Testing;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Automation.Tests;

/// <summary>moto's KMS with two keys, shared by the tests of <see cref="KmsSecretsTests"/>.</summary>
public sealed class KmsKeysFixture : IAsyncLifetime
{
    public MotoKms Kms { get; private set; } = null!;
    public string TeamKeyId { get; private set; } = "";
    public string OtherKeyId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        FakeAwsEnvironment.ApplyToProcess(); // the workspace reaches KMS with the usual AWS credential chain
        Kms = await MotoKms.StartAsync();
        TeamKeyId = await Kms.CreateKeyAsync("team-secrets");
        OtherKeyId = await Kms.CreateKeyAsync("other-secrets");
    }

    public async Task DisposeAsync() => await Kms.DisposeAsync();
}

public sealed class KmsSecretsTests(KmsKeysFixture keys) : IClassFixture<KmsKeysFixture>, IDisposable
{
    private const string SecretConfig = "kms-config-secret-value";
    private const string SecretOutput = "kms-state-secret-value";
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string ConfigFile => Path.Combine(_f.Root, "work", "Pulumi.dev.yaml");

    private static PulumiFn Program => PulumiFn.Create(() => new Dictionary<string, object?>
    {
        ["token"] = Output.CreateSecret(SecretOutput),
        ["plain"] = "visible",
    });

    private Task<WorkspaceStack> StackAsync(string? secretsProvider, string passphrase = "test-passphrase") =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("proj", "dev", Program)
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            WorkDir = Path.Combine(_f.Root, "work"),
            SecretsProvider = secretsProvider,
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = passphrase },
        });

    /// <summary>Every file the stack has on disk (config file and state), as text.</summary>
    private IEnumerable<(string Path, string Text)> StackFiles() =>
        Directory.EnumerateFiles(_f.Root, "*", SearchOption.AllDirectories).Select(p => (p, File.ReadAllText(p)));

    private void ShouldHoldNoPlaintext()
    {
        foreach (var (path, text) in StackFiles())
        {
            text.ShouldNotContain(SecretConfig, customMessage: path);
            text.ShouldNotContain(SecretOutput, customMessage: path);
        }
    }

    private JsonElement CheckpointSecretsProvider()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_f.StackFile()));
        return doc.RootElement.GetProperty("checkpoint").GetProperty("latest").GetProperty("secrets_providers").Clone();
    }

    private async Task ShouldReadBothSecretsAsync(WorkspaceStack stack)
    {
        (await stack.GetConfigAsync("token")).ShouldBe(new ConfigValue(SecretConfig, true));
        var outputs = await stack.GetOutputsAsync();
        outputs["token"].ShouldBe(new OutputValue(SecretOutput, true));
        outputs["plain"].ShouldBe(new OutputValue("visible", false));
    }

    /// <summary>Decrypts a <c>v1:</c> value as Pulumi does, independently of the code under test: KMS Decrypt of the encrypted key, then AES-256-GCM.</summary>
    private async Task<string> DecryptAsPulumiAsync(string encryptedKey, string ciphertext)
    {
        var dataKey = (await keys.Kms.Client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(Convert.FromBase64String(encryptedKey)) })).Plaintext.ToArray();
        var parts = ciphertext.Split(':');
        parts[0].ShouldBe("v1");
        var nonce = Convert.FromBase64String(parts[1]);
        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - 16];
        using var aes = new AesGcm(dataKey, 16);
        aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    [Fact]
    public async Task AwsKmsStack_EncryptsConfigAndStateWithAKmsDataKey_InPulumisFormat_WithNoPlaintextOnDisk()
    {
        var url = keys.Kms.Url("alias/team-secrets");
        var stack = await StackAsync(url);
        var created = StackSettings.Load(ConfigFile);
        created.SecretsProvider.ShouldBe(url);
        created.EncryptedKey.ShouldNotBeNull();
        created.EncryptionSalt.ShouldBeNull();

        await stack.SetConfigAsync("token", new ConfigValue(SecretConfig, IsSecret: true));
        await stack.UpAsync();

        await ShouldReadBothSecretsAsync(stack);
        ShouldHoldNoPlaintext();
        var settings = StackSettings.Load(ConfigFile);
        settings.EncryptedKey.ShouldBe(created.EncryptedKey);
        File.ReadAllText(ConfigFile).ShouldContain($"secretsprovider: \"{url}\"\nencryptedkey: {created.EncryptedKey}\n");
        var provider = CheckpointSecretsProvider();
        provider.GetProperty("type").GetString().ShouldBe("cloud");
        provider.GetProperty("state").GetProperty("url").GetString().ShouldBe(url);
        provider.GetProperty("state").GetProperty("encryptedkey").GetString().ShouldBe(created.EncryptedKey);

        // What Pulumi would do with these files: KMS Decrypt of encryptedkey, then its AES-256-GCM crypter.
        (await DecryptAsPulumiAsync(created.EncryptedKey!, settings.Config["proj:token"].Value)).ShouldBe(SecretConfig);
        var state = File.ReadAllText(_f.StackFile());
        var ciphertext = JsonDocument.Parse(state).RootElement.GetProperty("checkpoint").GetProperty("latest").GetProperty("resources")
            .EnumerateArray().Single(r => r.GetProperty("type").GetString() == "pulumi:pulumi:Stack")
            .GetProperty("outputs").GetProperty("token").GetProperty("ciphertext").GetString()!;
        (await DecryptAsPulumiAsync(created.EncryptedKey!, ciphertext)).ShouldBe(JsonSerializer.Serialize(SecretOutput));
    }

    [Fact]
    public async Task StackFileWrittenAsPulumiDoes_RandomDataKeyEncryptedByKmsKeyId_IsReadByTheWorkspace()
    {
        // Pulumi's cloud secrets manager: 32 random bytes, KMS Encrypt under the key in the URL, values sealed by AES-256-GCM.
        var url = keys.Kms.Url(keys.TeamKeyId);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var encrypted = await keys.Kms.Client.EncryptAsync(new EncryptRequest { KeyId = keys.TeamKeyId, Plaintext = new MemoryStream(dataKey) });
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes("written-by-pulumi");
        var sealedBytes = new byte[plain.Length + 16];
        using (var aes = new AesGcm(dataKey, 16)) aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length));
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigFile)!);
        File.WriteAllText(ConfigFile,
            $"secretsprovider: {url}\nencryptedkey: {Convert.ToBase64String(encrypted.CiphertextBlob.ToArray())}\n" +
            $"config:\n  proj:token:\n    secure: v1:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}\n");

        var stack = await StackAsync(null);
        (await stack.GetConfigAsync("token")).ShouldBe(new ConfigValue("written-by-pulumi", true));
    }

    [Fact]
    public async Task ChangeSecretsProvider_PassphraseToKmsToOtherKmsKeyToPassphrase_ReencryptsConfigAndState()
    {
        var stack = await StackAsync(null);
        await stack.SetConfigAsync("token", new ConfigValue(SecretConfig, IsSecret: true));
        await stack.UpAsync();
        StackSettings.Load(ConfigFile).EncryptionSalt.ShouldNotBeNull();
        CheckpointSecretsProvider().GetProperty("type").GetString().ShouldBe("passphrase");

        var team = keys.Kms.Url("alias/team-secrets");
        await stack.ChangeSecretsProviderAsync(team);
        var onTeam = StackSettings.Load(ConfigFile);
        (onTeam.SecretsProvider, onTeam.EncryptionSalt).ShouldBe((team, null));
        CheckpointSecretsProvider().GetProperty("state").GetProperty("url").GetString().ShouldBe(team);
        await ShouldReadBothSecretsAsync(stack);

        var other = keys.Kms.Url(keys.OtherKeyId);
        await stack.ChangeSecretsProviderAsync(other);
        var onOther = StackSettings.Load(ConfigFile);
        onOther.SecretsProvider.ShouldBe(other);
        onOther.EncryptedKey.ShouldNotBe(onTeam.EncryptedKey);
        onOther.Config["proj:token"].Value.ShouldNotBe(onTeam.Config["proj:token"].Value);
        var otherKeyOfDataKey = await keys.Kms.Client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(Convert.FromBase64String(onOther.EncryptedKey!)) });
        otherKeyOfDataKey.KeyId.ShouldEndWith(keys.OtherKeyId);
        await ShouldReadBothSecretsAsync(stack);
        await stack.UpAsync(); // an update on the new key keeps working

        await stack.ChangeSecretsProviderAsync("passphrase", new SecretsProviderOptions { NewPassphrase = "rotated-passphrase" });
        var back = StackSettings.Load(ConfigFile);
        (back.SecretsProvider, back.EncryptedKey).ShouldBe((null, null));
        back.EncryptionSalt.ShouldNotBeNull();
        CheckpointSecretsProvider().GetProperty("type").GetString().ShouldBe("passphrase");
        await ShouldReadBothSecretsAsync(await StackAsync(null, passphrase: "rotated-passphrase"));
        await Should.ThrowAsync<global::EcrAutomation.Secrets.IncorrectPassphraseException>(async () => await (await StackAsync(null)).GetConfigAsync("token"));
        ShouldHoldNoPlaintext();
    }

    [Fact]
    public async Task ChangeSecretsProvider_ToAKeyThatDoesNotExistOrAKmsThatCannotBeReached_ClearErrorAndNothingChanged()
    {
        var stack = await StackAsync(keys.Kms.Url("alias/team-secrets"));
        await stack.SetConfigAsync("token", new ConfigValue(SecretConfig, IsSecret: true));
        await stack.UpAsync();
        var before = StackFiles().ToList();

        var missing = await Should.ThrowAsync<SecretsProviderException>(() => stack.ChangeSecretsProviderAsync(keys.Kms.Url("alias/no-such-key")));
        missing.Message.ShouldContain("KMS key 'alias/no-such-key'");
        missing.Message.ShouldContain("does not exist");

        var closed = FreePort.Next();
        var unreachable = await Should.ThrowAsync<SecretsProviderException>(() => stack.ChangeSecretsProviderAsync($"awskms://alias/team-secrets?region=us-east-1&endpoint=http://127.0.0.1:{closed}"));
        unreachable.Message.ShouldContain($"KMS at http://127.0.0.1:{closed} could not be reached");

        var unsupported = await Should.ThrowAsync<SecretsProviderException>(() => stack.ChangeSecretsProviderAsync("gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k"));
        unsupported.Message.ShouldContain("is not supported: use 'passphrase' or 'awskms://");

        StackFiles().ToList().ShouldBe(before);
        await ShouldReadBothSecretsAsync(stack);
    }

    [Fact]
    public async Task EncryptedKeyOfAnotherKmsOrAltered_UpFailsWithAClearErrorBeforeChangingAnything()
    {
        var stack = await StackAsync(keys.Kms.Url("alias/team-secrets"));
        await stack.SetConfigAsync("token", new ConfigValue(SecretConfig, IsSecret: true));
        await stack.UpAsync();
        var text = File.ReadAllText(ConfigFile);
        var encryptedKey = StackSettings.Load(ConfigFile).EncryptedKey!;
        var altered = Convert.FromBase64String(encryptedKey);
        altered[^1] ^= 0xff;
        File.WriteAllText(ConfigFile, text.Replace(encryptedKey, Convert.ToBase64String(altered)));
        var before = StackFiles().ToList();

        var error = await Should.ThrowAsync<SecretsProviderException>(() => stack.UpAsync());
        error.Message.ShouldContain("could not decrypt the stack's data key with KMS key 'alias/team-secrets'");
        error.Message.ShouldContain("use the secrets provider and encryptedkey the stack was created with");
        StackFiles().ToList().ShouldBe(before);
        (await stack.GetHistoryAsync()).Count.ShouldBe(1);
    }
}
