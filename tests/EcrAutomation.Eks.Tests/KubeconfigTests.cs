namespace EcrAutomation.Eks.Tests;

/// <summary>The kubeconfig is pulumi-eks' document, key for key and byte for byte (its <c>generateKubeconfig</c>).</summary>
public sealed class KubeconfigTests
{
    private static readonly Kubeconfig Sample = new("demo-1a2b3c4", "https://127.0.0.1:6443", "Q0E=", "eu-west-1", RoleArn: null, ProfileName: "team");

    [Fact]
    public void ExportedKubeconfig_IsPulumiEksDocument_WithoutTheProfile()
    {
        Sample.ToJsonText(includeProfile: false).ShouldBe(
            """"
            {"apiVersion":"v1","clusters":[{"cluster":{"server":"https://127.0.0.1:6443","certificate-authority-data":"Q0E="},"name":"kubernetes"}],"contexts":[{"context":{"cluster":"kubernetes","user":"aws"},"name":"aws"}],"current-context":"aws","kind":"Config","users":[{"name":"aws","user":{"exec":{"apiVersion":"client.authentication.k8s.io/v1beta1","command":"aws","args":["--region","eu-west-1","eks","get-token","--cluster-name","demo-1a2b3c4","--output","json"],"env":[{"name":"KUBERNETES_EXEC_INFO","value":"{\"apiVersion\": \"client.authentication.k8s.io/v1beta1\"}"}]}}}]}
            """");
    }

    [Fact]
    public void ProviderKubeconfig_AddsRoleThenProfile_AsPulumiEks()
    {
        var withRole = Sample with { RoleArn = "arn:aws:iam::123456789012:role/deployer" };
        withRole.TokenArguments(includeProfile: true).ShouldBe(
            ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "demo-1a2b3c4", "--output", "json",
             "--role", "arn:aws:iam::123456789012:role/deployer", "--profile", "team"]);
        withRole.TokenArguments(includeProfile: false).ShouldNotContain("--profile", "the exported kubeconfig never names the deployer's profile");
        withRole.TokenArguments(includeProfile: false).ShouldContain("--role");
    }

    [Fact]
    public void ObjectForm_HoldsTheSameDocument_AsPlainDictionariesArraysAndStrings()
    {
        var document = Sample.ToObject(includeProfile: false);
        document["current-context"].ShouldBe("aws");
        var user = (System.Collections.Immutable.ImmutableDictionary<string, object?>)((System.Collections.Immutable.ImmutableArray<object?>)document["users"]!)[0]!;
        user["name"].ShouldBe("aws");
        System.Text.Json.JsonSerializer.Serialize(document).Length.ShouldBeGreaterThan(100);
    }

    [Theory]
    [InlineData("arn:aws:eks:us-east-1:123456789012:cluster/demo", "us-east-1")]
    [InlineData("arn:aws-cn:eks:cn-north-1:123456789012:cluster/demo", "cn-north-1")]
    public void RegionOf_TakesTheArnsFourthField(string arn, string region) => Kubeconfig.RegionOf(arn).ShouldBe(region);

    [Fact]
    public void RegionOf_NotAnArn_FailsNamingIt() =>
        Should.Throw<ArgumentException>(() => Kubeconfig.RegionOf("demo")).Message.ShouldStartWith("Invalid ARN: 'demo'");
}
