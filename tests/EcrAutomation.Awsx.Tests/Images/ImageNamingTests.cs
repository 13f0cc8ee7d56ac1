using EcrAutomation.Awsx.Images;
using EcrAutomation.Images.Oci;
using Image = EcrAutomation.Awsx.Ecr.Image;

namespace EcrAutomation.Awsx.Tests.Images;

public sealed class ImageNamingTests
{
    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/app", "123456789012.dkr.ecr.us-east-1.amazonaws.com")]
    [InlineData("localhost:5000/team/app", "localhost:5000")]
    [InlineData("https://localhost:5000/app:v1", "localhost:5000")]
    public void RegistryHost_RepositoryUrl_IsHostWithPort(string url, string expected) =>
        Image.RegistryHost(url).ShouldBe(expected);

    [Theory]
    [InlineData("https://localhost:5000/app", "localhost:5000/app")]
    [InlineData("localhost:5000/app", "localhost:5000/app")]
    public void WithoutScheme_RepositoryUrl_DropsScheme(string url, string expected) =>
        Image.WithoutScheme(url).ShouldBe(expected);

    [Fact]
    public void RegistryHost_InvalidUrl_ThrowsAwsxMessage() =>
        Should.Throw<ArgumentException>(() => Image.RegistryHost("not a url")).Message.ShouldContain("Repository URL is not a valid URL.");

    [Theory]
    [InlineData("localhost:5000/app:v1", "localhost:5000/app", "v1")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "")]
    [InlineData("localhost:5000/app:v1@sha256:abc", "localhost:5000/app", "v1")]
    public void StripTagAndTagOf_References_SplitRepositoryAndTag(string reference, string repository, string tag)
    {
        Image.StripTag(reference).ShouldBe(repository);
        Image.TagOf(reference).ShouldBe(tag);
    }

    [Theory]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com", "123456789012")]
    [InlineData("localhost:5000", null)]
    [InlineData("12345.example.com", null)]
    public void RegistryIdOf_Host_IsAccountIdOnlyWhenTwelveDigits(string host, string? expected) =>
        EcrCredentials.RegistryIdOf(host).ShouldBe(expected);

    [Fact]
    public void DefaultTag_ContextHash_IsFirstTwelveHexDigits() =>
        ImageProvider.DefaultTag(Digest.Parse("sha256:" + new string('a', 12) + new string('b', 52))).ShouldBe(new string('a', 12));
}
