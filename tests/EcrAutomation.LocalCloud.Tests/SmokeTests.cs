using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

public sealed class SmokeTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task Push_ThenDescribe_ReportsManifestDigest()
    {
        await cloud.CreateRepositoryAsync("smoke/app");
        var image = TestImage.Create("smoke");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "smoke/app", "v1");
        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "smoke/app" });
        described["imageDetails"]![0]!["imageDigest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
    }
}
