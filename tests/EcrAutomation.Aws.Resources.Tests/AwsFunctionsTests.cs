using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Eks;
using EcrAutomation.Aws.Resources.Tests.Ecs;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Providers;
using EcrAutomation.Schema;

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
        AwsFunctions.Tokens.ShouldBe([GetVpc.Token, GetSubnets.Token, GetPartition.Token, GetRegion.Token, GetCallerIdentity.Token, GetAddonVersion.Token,
            "aws:ecr/getRepository:getRepository", "aws:ecr/getAuthorizationToken:getAuthorizationToken"], ignoreOrder: true);
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

    [Fact(Timeout = 120_000)]
    public async Task GetRepository_DescribesAnExistingRepository_WithPulumiAwsNames_AndAMissingOneFails()
    {
        var name = "lookup-" + Guid.NewGuid().ToString("N")[..8];
        var created = (await cloud.Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest
        {
            RepositoryName = name,
            ImageTagMutability = "IMMUTABLE",
            ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
            Tags = [new EcrTag("team", "platform")],
        })).Repository!;

        var repository = await AwsFunctions.InvokeAsync("aws:ecr/getRepository:getRepository", PropertyMap.Empty.Set("name", PropertyValue.Of(name)), cloud.Aws);

        repository.GetString("id").ShouldBe(name);
        repository.GetString("name").ShouldBe(name);
        repository.GetString("arn").ShouldBe(created.RepositoryArn);
        repository.GetString("repositoryUrl").ShouldBe(created.RepositoryUri);
        repository.GetString("registryId").ShouldBe("123456789012");
        repository.GetString("region").ShouldBe("us-east-1");
        repository.GetString("imageTagMutability").ShouldBe("IMMUTABLE");
        repository["imageScanningConfigurations"].AsList.Single().AsMap.GetBool("scanOnPush").ShouldBe(true);
        repository["encryptionConfigurations"].AsList.Single().AsMap.GetString("encryptionType").ShouldBe("AES256");
        repository["tags"].AsMap.GetString("team").ShouldBe("platform");
        repository["mostRecentImageTags"].AsList.ShouldBeEmpty();

        var missing = await Should.ThrowAsync<InvalidOperationException>(() =>
            AwsFunctions.InvokeAsync("aws:ecr/getRepository:getRepository", PropertyMap.Empty.Set("name", PropertyValue.Of(name + "-missing")), cloud.Aws));
        missing.Message.ShouldBe($"aws:ecr/getRepository:getRepository: no ECR repository named '{name}-missing' in us-east-1.");
        (await Should.ThrowAsync<InvalidOperationException>(() => AwsFunctions.InvokeAsync("aws:ecr/getRepository:getRepository", PropertyMap.Empty, cloud.Aws)))
            .Message.ShouldBe("aws:ecr/getRepository:getRepository: the argument 'name' is required.");
    }

    [Fact(Timeout = 120_000)]
    public async Task GetAuthorizationToken_IsALoginForTheRegistry_WithTheTokenAndPasswordSecret()
    {
        var login = await AwsFunctions.InvokeAsync("aws:ecr/getAuthorizationToken:getAuthorizationToken", PropertyMap.Empty, cloud.Aws);

        login.GetString("userName").ShouldBe("AWS");
        login["password"].IsSecret.ShouldBeTrue();
        login["authorizationToken"].IsSecret.ShouldBeTrue();
        var token = login["authorizationToken"].Unsecret().AsString;
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)).ShouldBe("AWS:" + login["password"].Unsecret().AsString);
        login.GetString("proxyEndpoint")!.ShouldStartWith("http");
        DateTimeOffset.Parse(login.GetString("expiresAt")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact(Timeout = 120_000)]
    public async Task Catalog_HasEveryLookupWithPulumiAwsSchemas_ResolvesYamlSpellings_AndInvokesInAProgram()
    {
        var catalog = AwsFunctions.AddTo(new FunctionCatalog());
        catalog.Tokens.ShouldBe(AwsFunctions.Tokens, ignoreOrder: true);
        catalog.Resolve("aws:ec2:getVpc").ShouldBe("aws:ec2/getVpc:getVpc");
        catalog.Resolve("aws:getCallerIdentity").ShouldBe("aws:index/getCallerIdentity:getCallerIdentity");
        catalog.Resolve("aws:index:getRegion").ShouldBe("aws:index/getRegion:getRegion");
        catalog.Resolve("aws:ecr:getRepository").ShouldBe("aws:ecr/getRepository:getRepository");
        catalog.Resolve("aws:ecr:getAuthorizationToken").ShouldBe("aws:ecr/getAuthorizationToken:getAuthorizationToken");
        catalog.Resolve("aws:ecr:getImage").ShouldBeNull();

        catalog.TryGet("aws:ecr/getRepository:getRepository", out var getRepository).ShouldBeTrue();
        getRepository.Inputs["name"].Required.ShouldBeTrue();
        getRepository.Outputs["repositoryUrl"].Type.ShouldBe(SchemaType.String);
        getRepository.Outputs["imageScanningConfigurations"].Type.Items!.Properties!["scanOnPush"].Type.ShouldBe(SchemaType.Boolean);
        catalog.TryGet("aws:ecr/getAuthorizationToken:getAuthorizationToken", out var getToken).ShouldBeTrue();
        getToken.Outputs["password"].Secret.ShouldBeTrue();
        catalog.TryGet(GetVpc.Token, out var getVpc).ShouldBeTrue();
        getVpc.Inputs.Keys.ShouldBe(["default", "id", "cidrBlock", "state", "tags", "filters"], ignoreOrder: true);
        getVpc.Inputs["filters"].Type.Items!.Properties!.Keys.ShouldBe(["name", "values"], ignoreOrder: true);
        getVpc.Outputs["cidrBlock"].Type.ShouldBe(SchemaType.String);
        catalog.TryGet(GetAddonVersion.Token, out var getAddonVersion).ShouldBeTrue();
        getAddonVersion.Inputs["addonName"].Required.ShouldBeTrue();

        catalog.TryGet(GetCallerIdentity.Token, out var getCallerIdentity).ShouldBeTrue();
        var stack = await cloud.StackAsync("catalog-lookups", PulumiFn.Create(() => new Dictionary<string, object?>
        {
            ["account"] = Output.Create(getCallerIdentity.InvokeAsync(PropertyMap.Empty, CancellationToken.None)).Apply(m => m.GetString("accountId")),
            ["user"] = Output.Create(getToken.InvokeAsync(PropertyMap.Empty, CancellationToken.None)).Apply(m => m.GetString("userName")),
        }));
        var up = await stack.UpAsync();
        up.Outputs["account"].Value.ShouldBe("123456789012");
        up.Outputs["user"].Value.ShouldBe("AWS");
        await stack.DestroyAsync();
    }
}
