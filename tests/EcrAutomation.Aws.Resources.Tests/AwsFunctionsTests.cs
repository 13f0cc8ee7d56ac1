using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Eks;
using EcrAutomation.Aws.Resources.Tests.Ecs;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>The aws lookups (pulumi-aws's invokes) against moto and the local EKS: typed, by token, and from a running program.</summary>
[Collection(EcsCollection.Name)]
public sealed class AwsFunctionsTests(EcsCloudFixture cloud)
{
    [Fact(Timeout = 120_000)]
    public async Task GetVpcAndGetSubnets_FindTheDefaultVpcAndItsSubnets_AndSayWhenNothingMatches()
    {
        var expected = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!;
        var vpc = await GetVpc.InvokeAsync(new GetVpcArgs { Default = true }, cloud.Aws);
        vpc.Id.ShouldBe(expected.VpcId);
        vpc.Default.ShouldBeTrue();
        vpc.CidrBlock.ShouldBe("172.31.0.0/16");
        vpc.Arn.ShouldBe($"arn:aws:ec2:us-east-1:123456789012:vpc/{expected.VpcId}");
        (await GetVpc.InvokeAsync(new GetVpcArgs { Id = expected.VpcId }, cloud.Aws)).Default.ShouldBeTrue();

        var none = await Should.ThrowAsync<InvalidOperationException>(() => GetVpc.InvokeAsync(new GetVpcArgs { CidrBlock = "10.99.0.0/16" }, cloud.Aws));
        none.Message.ShouldContain("no matching EC2 VPC found in us-east-1");

        var subnets = await GetSubnets.InvokeAsync(new GetSubnetsArgs { Filters = [new GetSubnetsFilterArgs("vpc-id", [vpc.Id])] }, cloud.Aws);
        subnets.Ids.ShouldBe((await cloud.Aws.Ec2.DescribeSubnetsAsync(vpc.Id)).Select(s => s.SubnetId).Order(StringComparer.Ordinal));
        subnets.Ids.Count.ShouldBeGreaterThan(1);
        subnets.Id.ShouldBe("us-east-1");
        (await GetSubnets.InvokeAsync(new GetSubnetsArgs { Tags = new Dictionary<string, string> { ["no-such-tag"] = "x" } }, cloud.Aws)).Ids.ShouldBeEmpty();
    }

    [Fact(Timeout = 120_000)]
    public async Task PartitionRegionAndCallerIdentity_DescribeTheConnection()
    {
        var partition = await GetPartition.InvokeAsync(cloud.Aws);
        (partition.Partition, partition.DnsSuffix, partition.ReverseDnsPrefix).ShouldBe(("aws", "amazonaws.com", "com.amazonaws"));
        var region = await GetRegion.InvokeAsync(cloud.Aws);
        (region.Name, region.Endpoint).ShouldBe(("us-east-1", "ec2.us-east-1.amazonaws.com"));
        var identity = await GetCallerIdentity.InvokeAsync(cloud.Aws);
        identity.AccountId.ShouldBe("123456789012");
        identity.Arn.ShouldStartWith("arn:aws:");
    }

    [Fact(Timeout = 120_000)]
    public async Task GetAddonVersion_DefaultOrMostRecent_FromTheLocalEks_AndUnknownAddonsFail()
    {
        (await GetAddonVersion.InvokeAsync(new GetAddonVersionArgs { AddonName = "kube-proxy", KubernetesVersion = "1.32" }, cloud.Aws)).Version.ShouldBe("v1.32.3-eksbuild.2");
        var newest = await GetAddonVersion.InvokeAsync(new GetAddonVersionArgs { AddonName = "vpc-cni", KubernetesVersion = "1.31", MostRecent = true }, cloud.Aws);
        newest.Version.ShouldBe("v1.19.5-eksbuild.1");
        newest.MostRecent.ShouldBeTrue();
        var unknown = await Should.ThrowAsync<InvalidOperationException>(() =>
            GetAddonVersion.InvokeAsync(new GetAddonVersionArgs { AddonName = "not-an-addon", KubernetesVersion = "1.32", MostRecent = true }, cloud.Aws));
        unknown.Message.ShouldContain("no version of the EKS addon 'not-an-addon' supports Kubernetes 1.32");
    }

    [Fact(Timeout = 120_000)]
    public async Task ByToken_ArgumentsAndResultsArePulumiAwsPropertyMaps_AndUnknownTokensAndMissingArgumentsFail()
    {
        AwsFunctions.Tokens.ShouldBe([GetVpc.Token, GetSubnets.Token, GetPartition.Token, GetRegion.Token, GetCallerIdentity.Token, GetAddonVersion.Token], ignoreOrder: true);
        GetVpc.Token.ShouldBe("aws:ec2/getVpc:getVpc");
        var vpc = await AwsFunctions.InvokeAsync("aws:ec2/getVpc:getVpc", PropertyMap.Empty.Set("default", PropertyValue.True), cloud.Aws);
        vpc.GetString("id")!.ShouldStartWith("vpc-");
        vpc.GetBool("default").ShouldBe(true);
        var subnets = await AwsFunctions.InvokeAsync("aws:ec2/getSubnets:getSubnets", PropertyMap.Empty.Set("filters", PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty
            .Set("name", PropertyValue.Of("vpc-id")).Set("values", PropertyValue.Of([PropertyValue.Of(vpc.GetString("id"))])))])), cloud.Aws);
        subnets["ids"].AsList.Count().ShouldBeGreaterThan(1);
        (await AwsFunctions.InvokeAsync("aws:index/getPartition:getPartition", PropertyMap.Empty, cloud.Aws)).GetString("partition").ShouldBe("aws");
        (await AwsFunctions.InvokeAsync("aws:eks/getAddonVersion:getAddonVersion", PropertyMap.Empty
            .Set("addonName", PropertyValue.Of("coredns")).Set("kubernetesVersion", PropertyValue.Of("1.32")).Set("mostRecent", PropertyValue.True), cloud.Aws))
            .GetString("version").ShouldBe("v1.11.4-eksbuild.2");

        (await Should.ThrowAsync<ArgumentException>(() => AwsFunctions.InvokeAsync("aws:ec2/getVpcs:getVpcs", PropertyMap.Empty, cloud.Aws)))
            .Message.ShouldContain("'aws:ec2/getVpcs:getVpcs' is not an aws function this host provides");
        (await Should.ThrowAsync<InvalidOperationException>(() => AwsFunctions.InvokeAsync(GetAddonVersion.Token, PropertyMap.Empty, cloud.Aws)))
            .Message.ShouldBe("aws:eks/getAddonVersion:getAddonVersion: the argument 'addonName' is required.");
    }

    [Fact(Timeout = 120_000)]
    public async Task InAProgram_LookupsUseTheStacksAwsConfig()
    {
        var stack = await cloud.StackAsync("lookups", PulumiFn.Create(() =>
        {
            var vpc = GetVpc.Invoke(new GetVpcArgs { Default = true });
            var subnets = vpc.Apply(v => GetSubnets.InvokeAsync(new GetSubnetsArgs { Filters = [new GetSubnetsFilterArgs("vpc-id", [v.Id])] }));
            var addon = GetAddonVersion.Invoke("kube-proxy", "1.31", mostRecent: true);
            var byToken = Output.Create(AwsFunctions.InvokeAsync(GetCallerIdentity.Token, PropertyMap.Empty));
            return new Dictionary<string, object?>
            {
                ["vpc"] = vpc.Apply(v => v.Id),
                ["subnets"] = subnets.Apply(s => s.Ids.Count),
                ["kubeProxy"] = addon.Apply(a => a.Version),
                ["account"] = byToken.Apply(m => m.GetString("accountId")),
            };
        }));
        var up = await stack.UpAsync();
        up.Outputs["vpc"].Value.ShouldBe((await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId);
        Convert.ToInt32(up.Outputs["subnets"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        up.Outputs["kubeProxy"].Value.ShouldBe("v1.31.3-eksbuild.2");
        up.Outputs["account"].Value.ShouldBe("123456789012");
        await stack.DestroyAsync();
    }
}
