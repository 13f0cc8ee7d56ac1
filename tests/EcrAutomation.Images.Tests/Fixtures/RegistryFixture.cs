using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Images.Tests.Fixtures;

/// <summary>The Basic-auth credentials of <see cref="RegistryFixture.Authenticated"/>.</summary>
public static class RegistryServer
{
    public const string Username = "AWS";
    public const string Password = "fake-registry-password-0123";
}

/// <summary>One open docker-registry and one with Basic auth, shared by the registry tests.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public DockerRegistryProcess Open { get; private set; } = null!;

    public DockerRegistryProcess Authenticated { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TestEnvironment.ApplyToProcess();
        Open = await DockerRegistryProcess.StartAsync();
        Authenticated = await DockerRegistryProcess.StartAsync(new RegistryBasicAuth(RegistryServer.Username, RegistryServer.Password));
    }

    public async Task DisposeAsync()
    {
        if (Open is not null)
        {
            await Open.DisposeAsync();
        }

        if (Authenticated is not null)
        {
            await Authenticated.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}
