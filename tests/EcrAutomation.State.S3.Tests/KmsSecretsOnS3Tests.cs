using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using EcrAutomation.Automation;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.State.S3.Tests;

/// <summary>KMS secrets of a stack whose state is on S3 (moto serves both): no object in the bucket holds a secret in plaintext.</summary>
public sealed class KmsSecretsOnS3Tests
{
    private const string SecretConfig = "s3-kms-config-secret";
    private const string SecretOutput = "s3-kms-state-secret";

    [Fact]
    public async Task AwsKmsStackOnS3_NoS3ObjectHoldsPlaintext_BeforeAndAfterChangingToPassphrase()
    {
        await using var s3 = await S3Backend.PlainMotoAsync();
        using (var kms = new AmazonKeyManagementServiceClient(
            new BasicAWSCredentials(FakeAwsEnvironment.AccessKey, FakeAwsEnvironment.SecretKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = s3.Endpoint.ToString(), AuthenticationRegion = FakeAwsEnvironment.Region }))
        {
            var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "team" });
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/team-secrets", TargetKeyId = key.KeyMetadata.KeyId });
        }
        var url = $"awskms://alias/team-secrets?region={FakeAwsEnvironment.Region}&endpoint={s3.Endpoint.ToString().TrimEnd('/')}";
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("proj", "dev", PulumiFn.Create(() => new Dictionary<string, object?>
        {
            ["token"] = Output.CreateSecret(SecretOutput),
        }))
        {
            WorkDir = Path.Combine(s3.Root, "work"),
            BackendUrl = s3.Url(),
            StateStorageFactory = S3StateStorage.Open,
            SecretsProvider = url,
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "s3-passphrase" },
        });
        await stack.SetConfigAsync("token", new ConfigValue(SecretConfig, IsSecret: true));
        await stack.UpAsync();

        async Task ShouldHoldNoPlaintextAsync(string providerType)
        {
            var objects = await s3.ObjectsAsync();
            objects.Keys.ShouldContain("team/.pulumi/stacks/proj/dev.json");
            objects["team/.pulumi/stacks/proj/dev.json"].ShouldContain($"\"secrets_providers\":{{\"type\":\"{providerType}\"");
            foreach (var (key, content) in objects)
            {
                content.ShouldNotContain(SecretConfig, customMessage: key);
                content.ShouldNotContain(SecretOutput, customMessage: key);
            }
            (await stack.GetOutputsAsync())["token"].ShouldBe(new OutputValue(SecretOutput, true));
            (await stack.GetConfigAsync("token")).ShouldBe(new ConfigValue(SecretConfig, true));
        }

        await ShouldHoldNoPlaintextAsync("cloud");
        await stack.ChangeSecretsProviderAsync("passphrase");
        await ShouldHoldNoPlaintextAsync("passphrase");
        await stack.ChangeSecretsProviderAsync(url);
        await ShouldHoldNoPlaintextAsync("cloud");
    }
}
