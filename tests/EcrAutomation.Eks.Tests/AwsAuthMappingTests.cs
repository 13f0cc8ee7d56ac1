using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Eks.Tests;

/// <summary>The aws-auth ConfigMap's <c>mapRoles</c>/<c>mapUsers</c>: js-yaml's layout, and YAML that reads back as the same strings.</summary>
public sealed class AwsAuthMappingTests
{
    [Fact]
    public void InstanceRoleMapping_IsPulumiEksYaml()
    {
        AwsAuthMapping.ToYaml([AwsAuthMapping.ForInstanceRole("arn:aws:iam::123456789012:role/eks-cluster-instanceRole-role-1a2b3c4")]).ShouldBe(
            "- rolearn: arn:aws:iam::123456789012:role/eks-cluster-instanceRole-role-1a2b3c4\n" +
            "  username: system:node:{{EC2PrivateDNSName}}\n" +
            "  groups:\n" +
            "    - system:bootstrappers\n" +
            "    - system:nodes\n");
    }

    [Fact]
    public void NoMappings_IsAnEmptyList() => AwsAuthMapping.ToYaml([]).ShouldBe("[]\n");

    [Theory]
    [InlineData("admin")]
    [InlineData("true")]
    [InlineData("123")]
    [InlineData("a: b")]
    [InlineData("ends with colon:")]
    [InlineData("# comment")]
    [InlineData("-dash")]
    [InlineData("quote \" and \\ backslash")]
    [InlineData("")]
    [InlineData("trailing ")]
    public void EveryValue_ReadsBackAsTheSameString(string value)
    {
        var yaml = AwsAuthMapping.ToYaml([new AwsAuthMapping("userarn", "arn:aws:iam::123456789012:user/x", value, [value, "system:masters"])]);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var entry = (YamlMappingNode)((YamlSequenceNode)stream.Documents[0].RootNode).Children[0];
        var username = (YamlScalarNode)entry.Children[new YamlScalarNode("username")];
        username.Value.ShouldBe(value);
        ((YamlScalarNode)((YamlSequenceNode)entry.Children[new YamlScalarNode("groups")]).Children[0]).Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("123")]
    [InlineData("1.5e3")]
    [InlineData("")]
    public void ValuesYamlWouldReadAsOtherTypes_AreQuoted(string value) =>
        AwsAuthMapping.ToYaml([new AwsAuthMapping("rolearn", "arn:aws:iam::123456789012:role/x", value, [])]).ShouldContain($"username: \"{value}\"\n");
}
