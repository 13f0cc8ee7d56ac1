namespace EcrAutomation.Eks.Tests;

/// <summary>ServiceRole's names and trust policy are pulumi-eks', so a stack's URNs match a pulumi-eks stack's.</summary>
public sealed class ServiceRoleTests
{
    [Theory]
    [InlineData("AmazonEKSClusterPolicy", "4b490823")]
    [InlineData("AmazonEKSWorkerNodePolicy", "03516f97")]
    [InlineData("AmazonEKS_CNI_Policy", "e1b295bd")]
    [InlineData("AmazonEC2ContainerRegistryReadOnly", "3eb088f2")]
    public void AttachmentNames_HashThePolicyId_InTheAwsPartition(string policy, string suffix)
    {
        // 4b490823 is the suffix of pulumi-eks' cluster policy attachment (`alpha-eksRole-4b490823` in a LocalStack report).
        var managed = ManagedPolicies.Aws(Output.Create("aws-cn"), policy);
        managed.Id.ShouldBe($"arn:aws:iam::aws:policy/{policy}", "the id is the aws partition's ARN in every partition");
        ServiceRole.Sha1Prefix(managed.Id).ShouldBe(suffix);
    }

    [Fact]
    public void TrustPolicy_AllowsTheActionsToTheServicePrincipal() =>
        ServiceRole.TrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]).ShouldBe(
            """{"Version":"2012-10-17","Statement":[{"Action":["sts:AssumeRole","sts:TagSession"],"Effect":"Allow","Principal":{"Service":["eks.amazonaws.com"]}}]}""");
}
