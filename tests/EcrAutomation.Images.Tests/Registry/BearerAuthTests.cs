using EcrAutomation.Images.Registry;
using EcrAutomation.Images.Tests.Fixtures;

namespace EcrAutomation.Images.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class BearerAuthTests(RegistryFixture fixture)
{
    [Fact]
    public async Task PushImageAsync_BearerChallenge_FetchesScopedTokenAndSucceeds()
    {
        using var proxy = new BearerTokenProxy(fixture.Open.Host);
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Registry = proxy.Host,
            Credentials = new RegistryCredentials(RegistryServer.Username, RegistryServer.Password),
        });
        var image = TestImages.Create(40, 1000, 2000);
        var repository = $"bearer/r{Guid.NewGuid():N}"[..20];

        var result = await client.PushImageAsync(image.ToPush(repository, "v1"));
        var pulled = await client.GetManifestAsync(repository, "v1");

        result.ManifestUploaded.ShouldBeTrue();
        pulled!.Digest.ShouldBe(image.Manifest.Digest);
        proxy.TokenScopes.ShouldContain($"repository:{repository}:pull,push");
    }

    [Fact]
    public async Task CheckAsync_BearerWithWrongPassword_ThrowsAuthenticationException()
    {
        using var proxy = new BearerTokenProxy(fixture.Open.Host);
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Registry = proxy.Host,
            Credentials = new RegistryCredentials(RegistryServer.Username, "wrong-password-xyz"),
        });

        var error = await Should.ThrowAsync<RegistryAuthenticationException>(() => client.PushImageAsync(TestImages.Create(41, 10).ToPush("bearer/denied", "v1")));

        error.Message.ShouldContain("token service");
        error.Message.ShouldNotContain("wrong-password-xyz");
    }
}
