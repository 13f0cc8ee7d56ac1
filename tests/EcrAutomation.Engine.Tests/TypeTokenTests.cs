namespace EcrAutomation.Engine.Tests;

public sealed class TypeTokenTests
{
    [Theory]
    [InlineData("aws:ecr/repository:Repository", "aws:ecr:Repository")]
    [InlineData("aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr:LifecyclePolicy")]
    [InlineData("kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:Deployment")]
    [InlineData("kubernetes:core/v1:Service", "kubernetes:core/v1:Service")]
    [InlineData("awsx:ecr:Repository", "awsx:ecr:Repository")]
    [InlineData("eks:index:Cluster", "eks:index:Cluster")]
    [InlineData("pulumi:pulumi:Stack", "pulumi:pulumi:Stack")]
    public void DisplayName_DropsOnlyAModuleSegmentThatRepeatsTheTypeName(string type, string shown) =>
        Assert.Equal(shown, TypeToken.DisplayName(type));
}
