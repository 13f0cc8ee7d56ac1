using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Tests.Infrastructure;

/// <summary>Starts <c>moto_server</c> on 127.0.0.1 and a free port once per test collection; kills it on dispose.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServerProcess? _moto;

    public Uri Endpoint { get; private set; } = null!;

    public AwsConnection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServerProcess.StartAsync();
        Endpoint = _moto.Endpoint;
        Connection = TestEnvironment.Connect(Endpoint, TestEnvironment.QuickRetry with { MaxAttempts = 2 });
    }

    public Task DisposeAsync()
    {
        Connection?.Dispose();
        _moto?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
