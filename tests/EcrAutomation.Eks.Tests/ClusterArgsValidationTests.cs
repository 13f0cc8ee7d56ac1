namespace EcrAutomation.Eks.Tests;

/// <summary>pulumi-eks' argument checks, and arguments this component does not support: errors naming the argument, never ignored.</summary>
public sealed class ClusterArgsValidationTests
{
    [Fact]
    public void SubnetIdsWithPublicOrPrivateSubnetIds_AreMutuallyExclusive_AsPulumiEks() =>
        Should.Throw<EksArgumentException>(() => Cluster.Validate(new ClusterArgs { SubnetIds = new[] { "subnet-1" }, PrivateSubnetIds = new[] { "subnet-2" } }, null))
            .Message.ShouldBe("subnetIds, and the use of publicSubnetIds and/or privateSubnetIds are mutually exclusive. Choose a single approach.");

    public static TheoryData<string, ClusterArgs> UnsupportedArguments => new()
    {
        { "nodeAmiId", new ClusterArgs { NodeAmiId = "ami-0123456789abcdef0" } },
        { "nodeUserData", new ClusterArgs { NodeUserData = "#!/bin/bash" } },
        { "nodePublicKey", new ClusterArgs { NodePublicKey = "ssh-ed25519 AAAA" } },
        { "nodeRootVolumeSize", new ClusterArgs { NodeRootVolumeSize = 50 } },
        { "nodeAssociatePublicIpAddress", new ClusterArgs { NodeAssociatePublicIpAddress = false } },
        { "gpu", new ClusterArgs { Gpu = true } },
        { "fargate", new ClusterArgs { Fargate = true } },
        { "createOidcProvider", new ClusterArgs { CreateOidcProvider = true } },
        { "encryptionConfigKeyArn", new ClusterArgs { EncryptionConfigKeyArn = "arn:aws:kms:us-east-1:123456789012:key/x" } },
        { "instanceProfileName", new ClusterArgs { InstanceProfileName = "nodes" } },
        { "enabledClusterLogTypes", new ClusterArgs { EnabledClusterLogTypes = new[] { "api" } } },
    };

    [Theory]
    [MemberData(nameof(UnsupportedArguments))]
    public void UnsupportedArgument_IsAnErrorNamingIt(string argument, ClusterArgs args)
    {
        var error = Should.Throw<EksArgumentException>(() => Cluster.Validate(args, null));
        error.Message.ShouldStartWith($"The eks.Cluster argument '{argument}' is not supported by this component (");
        error.Message.ShouldContain("Remove it");
    }

    [Fact]
    public void AuthenticationModeOtherThanConfigMap_IsAnError()
    {
        Should.NotThrow(() => Cluster.Validate(new ClusterArgs { AuthenticationMode = "CONFIG_MAP" }, null));
        Should.Throw<EksArgumentException>(() => Cluster.Validate(new ClusterArgs { AuthenticationMode = "API" }, null)).Message.ShouldContain("authenticationMode 'API' is not supported");
    }

    [Fact]
    public void DefaultNodeGroupWithoutAnyInstanceRole_IsAnError() =>
        Should.Throw<EksArgumentException>(() => Cluster.Validate(new ClusterArgs { CreateInstanceRole = false }, null)).Message.ShouldContain("needs an instance role");
}
