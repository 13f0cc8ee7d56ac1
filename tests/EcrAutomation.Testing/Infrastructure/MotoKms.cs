using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>KMS served by a moto_server of its own: keys and aliases, and the <c>awskms://</c> URLs that reach them.</summary>
public sealed class MotoKms : IAsyncDisposable
{
    private readonly MotoServerProcess _moto;

    private MotoKms(MotoServerProcess moto)
    {
        _moto = moto;
        Client = new AmazonKeyManagementServiceClient(
            new BasicAWSCredentials(FakeAwsEnvironment.AccessKey, FakeAwsEnvironment.SecretKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = FakeAwsEnvironment.Region });
    }

    /// <summary>A client of the same KMS, for what a test checks behind the tool's back.</summary>
    public IAmazonKeyManagementService Client { get; }

    /// <summary>moto's endpoint (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Endpoint => _moto.Endpoint;

    public static async Task<MotoKms> StartAsync() => new(await MotoServerProcess.StartAsync());

    /// <summary>Creates a symmetric key with the alias <c>alias/<paramref name="alias"/></c>; returns its key id.</summary>
    public async Task<string> CreateKeyAsync(string alias)
    {
        var key = await Client.CreateKeyAsync(new CreateKeyRequest { Description = alias });
        await Client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/" + alias, TargetKeyId = key.KeyMetadata.KeyId });
        return key.KeyMetadata.KeyId;
    }

    /// <summary>The secrets provider URL of a key id or <c>alias/NAME</c> on this KMS.</summary>
    public string Url(string keyIdOrAlias) => $"awskms://{keyIdOrAlias}?region={FakeAwsEnvironment.Region}&endpoint={Endpoint.ToString().TrimEnd('/')}";

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        _moto.Dispose();
        return ValueTask.CompletedTask;
    }
}
