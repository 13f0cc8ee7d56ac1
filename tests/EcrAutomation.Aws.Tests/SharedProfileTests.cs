using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests;

/// <summary>Credentials and region from a named profile in the shared config files (through AWSSDK.Core; files from TestEnvironment).</summary>
public sealed class SharedProfileTests
{
    [Fact]
    public async Task Create_NamedProfile_UsesItsCredentialsAndRegion()
    {
        using var connection = AwsConnection.Create(new AwsConnectionOptions { Profile = TestEnvironment.ProfileName, GetEnvironmentVariable = _ => null });

        var credentials = await connection.GetCredentialsAsync();

        credentials.AccessKeyId.ShouldBe(TestEnvironment.ProfileAccessKey);
        credentials.SecretAccessKey.ShouldBe("profile-secret-not-real");
        connection.Region.ShouldBe("eu-west-2");
    }

    [Fact]
    public void Create_NamedProfileWithExplicitRegion_ExplicitRegionWins()
    {
        using var connection = AwsConnection.Create(new AwsConnectionOptions { Profile = TestEnvironment.ProfileName, Region = "ap-northeast-1" });

        connection.Region.ShouldBe("ap-northeast-1");
    }
}
