using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>The providers' preview-time checks (no cloud needed).</summary>
public sealed class ProviderCheckTests
{
    private static CheckRequest Check(string name, PropertyMap inputs) => new("urn:pulumi:dev::p::t::" + name, "t", name, null, inputs, [1, 2, 3]);

    private static PropertyMap Map(params (string Key, PropertyValue Value)[] items) => PropertyMap.From(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));

    [Theory]
    [InlineData("1024", "1024", "No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values.")]
    [InlineData(null, "1024", "Fargate requires that 'cpu' be defined at the task level.")]
    public async Task TaskDefinitionCheck_InvalidFargateSize_FailsAtPreviewWithEcsText(string? cpu, string memory, string message)
    {
        var inputs = Map(("family", PropertyValue.Of("f")), ("containerDefinitions", PropertyValue.Of("""[{"name":"c","image":"nginx"}]""")),
            ("requiresCompatibilities", PropertyValue.Of([PropertyValue.Of("FARGATE")])), ("memory", PropertyValue.Of(memory)));
        if (cpu is not null) inputs = inputs.Set("cpu", PropertyValue.Of(cpu));
        var result = await new TaskDefinitionProvider().CheckAsync(Check("td", inputs));
        result.Failures.Select(f => f.Reason).ShouldContain(message);
    }

    [Fact]
    public async Task TaskDefinitionCheck_ContainerJson_IsCanonical()
    {
        var inputs = Map(("family", PropertyValue.Of("f")), ("containerDefinitions", PropertyValue.Of("""[ {"name":"c", "image":"nginx", "environment": [], "cpu": null} ]""")));
        var result = await new TaskDefinitionProvider().CheckAsync(Check("td", inputs));
        result.Failures.ShouldBeEmpty();
        result.Inputs.GetString("containerDefinitions").ShouldBe("""[{"image":"nginx","name":"c"}]""");
    }

    [Fact]
    public async Task TargetGroupCheck_LogicalNameOver24_FailsBecauseAutoNameExceeds32()
    {
        var ok = await new TargetGroupProvider().CheckAsync(Check("a-name-of-24-characters", Map(("port", PropertyValue.Of(80)), ("protocol", PropertyValue.Of("HTTP")))));
        ok.Failures.ShouldBeEmpty();
        ok.Inputs.GetString("name")!.Length.ShouldBe(31);
        var tooLong = await new TargetGroupProvider().CheckAsync(Check("a-name-of-25-characters-x", Map(("port", PropertyValue.Of(80)), ("protocol", PropertyValue.Of("HTTP")))));
        tooLong.Failures.Single().Reason.ShouldContain("longer than 32 characters");
    }

    [Fact]
    public async Task LoadBalancerCheck_DefaultsToApplicationAndInternetFacing()
    {
        var result = await new LoadBalancerProvider().CheckAsync(Check("lb", PropertyMap.Empty));
        result.Inputs.GetString("loadBalancerType").ShouldBe("application");
        result.Inputs.GetBool("internal").ShouldBe(false);
        result.Inputs.GetString("name")!.ShouldMatch("^lb-[0-9a-f]{7}$");
    }

    [Theory]
    [InlineData(443, "HTTPS")]
    [InlineData(80, "HTTP")]
    [InlineData(8080, "HTTP")]
    public async Task ListenerCheck_NoProtocol_IsHttpsOnPort443AndHttpOtherwise(int port, string protocol)
    {
        var inputs = Map(("loadBalancerArn", PropertyValue.Of("arn:lb")), ("port", PropertyValue.Of(port)), ("defaultActions", PropertyValue.Of([])));
        var result = await new ListenerProvider().CheckAsync(Check("listener", inputs));
        result.Failures.ShouldBeEmpty();
        result.Inputs.GetString("protocol").ShouldBe(protocol);
    }

    [Fact]
    public async Task ListenerCheck_WithoutLoadBalancerOrActions_FailsNamingBoth()
    {
        var result = await new ListenerProvider().CheckAsync(Check("listener", Map(("port", PropertyValue.Of(80)))));
        result.Failures.Select(f => f.Property).ShouldBe(["loadBalancerArn", "defaultActions"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("IMMUTABLE_WITH_EXCLUSION", false)]
    [InlineData("IMMUTABLE", true)]
    public async Task RepositoryCheck_ExclusionFiltersWithoutTheirMode_Fail(string mutability, bool withFilters)
    {
        var inputs = Map(("name", PropertyValue.Of("app")), ("imageTagMutability", PropertyValue.Of(mutability)));
        if (withFilters)
            inputs = inputs.Set("imageTagMutabilityExclusionFilters", PropertyValue.Of([PropertyValue.Of(Map(("filter", PropertyValue.Of("dev-*")), ("filterType", PropertyValue.Of("WILDCARD"))))]));
        var result = await new RepositoryProvider().CheckAsync(Check("repo", inputs));
        result.Failures.ShouldHaveSingleItem().Reason.ShouldContain("exclusion filters are required with the *_WITH_EXCLUSION mutability modes");
    }

    [Fact]
    public async Task RepositoryCheck_UnknownMutabilityAndOver50Tags_FailNamingTheLimits()
    {
        var tags = PropertyMap.From(Enumerable.Range(0, 51).Select(i => KeyValuePair.Create("k" + i, PropertyValue.Of("v"))));
        var result = await new RepositoryProvider().CheckAsync(Check("repo", Map(("imageTagMutability", PropertyValue.Of("SOMETIMES")), ("tags", PropertyValue.Of(tags)))));
        result.Failures.Select(f => f.Reason).ShouldBe(["'SOMETIMES' is not one of MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION", "at most 50 tags are allowed"]);
    }

    private static PropertyMap Rule(params (string Key, PropertyValue Value)[] extra) =>
        Map([("type", PropertyValue.Of("ingress")), ("securityGroupId", PropertyValue.Of("sg-1")), ("protocol", PropertyValue.Of("tcp")),
            ("fromPort", PropertyValue.Of(443)), ("toPort", PropertyValue.Of(443)), .. extra]);

    [Fact]
    public async Task SecurityGroupRuleCheck_NormalizesProtocolAndSortsCidrs()
    {
        var result = await new SecurityGroupRuleProvider().CheckAsync(Check("rule", Rule(("protocol", PropertyValue.Of("6")),
            ("cidrBlocks", PropertyValue.Of([PropertyValue.Of("10.0.0.0/8"), PropertyValue.Of("0.0.0.0/0")])))));
        result.Failures.ShouldBeEmpty();
        result.Inputs.GetString("protocol").ShouldBe("tcp");
        Props.StringList(result.Inputs, "cidrBlocks").ShouldBe(["0.0.0.0/0", "10.0.0.0/8"]);
        SecurityGroupRuleProvider.Id(result.Inputs).ShouldMatch("^sgrule-[0-9]+$");
        SecurityGroupRuleProvider.Id(result.Inputs).ShouldBe(SecurityGroupRuleProvider.Id(result.Inputs.Set("description", PropertyValue.Of("other"))), "the description is not part of the rule's identity");
    }

    [Fact]
    public async Task SecurityGroupRuleCheck_NoSourceConflictingSourcesBadTypeAndPortsWithAll_FailWithTheFix()
    {
        var provider = new SecurityGroupRuleProvider();
        (await provider.CheckAsync(Check("rule", Rule()))).Failures.ShouldHaveSingleItem().Reason.ShouldContain("One of cidrBlocks, ipv6CidrBlocks, self or sourceSecurityGroupId must be set");
        (await provider.CheckAsync(Check("rule", Rule(("self", PropertyValue.True), ("sourceSecurityGroupId", PropertyValue.Of("sg-2"))))))
            .Failures.ShouldHaveSingleItem().Reason.ShouldContain("conflict: give one of them");
        (await provider.CheckAsync(Check("rule", Rule(("type", PropertyValue.Of("inbound")), ("self", PropertyValue.True)))))
            .Failures.ShouldHaveSingleItem().Reason.ShouldBe("type must be ingress or egress, not 'inbound'.");
        (await provider.CheckAsync(Check("rule", Rule(("protocol", PropertyValue.Of("all")), ("cidrBlocks", PropertyValue.Of([PropertyValue.Of("0.0.0.0/0")]))))))
            .Failures.ShouldHaveSingleItem().Reason.ShouldContain("must both be 0 to use the all-protocols (-1) protocol");
    }

    [Fact]
    public void SecurityGroupRule_ImportId_ParsesPulumiAwsFormat_AndRejectsOthers()
    {
        var inputs = SecurityGroupRuleProvider.ParseImportId("sg-0123_ingress_tcp_443_443_10.0.0.0/8_::/0");
        inputs.GetString("securityGroupId").ShouldBe("sg-0123");
        inputs.GetString("type").ShouldBe("ingress");
        Props.StringList(inputs, "cidrBlocks").ShouldBe(["10.0.0.0/8"]);
        Props.StringList(inputs, "ipv6CidrBlocks").ShouldBe(["::/0"]);
        SecurityGroupRuleProvider.ParseImportId("sg-1_egress_all_0_0_self").GetBool("self").ShouldBe(true);
        SecurityGroupRuleProvider.ParseImportId("sg-1_ingress_tcp_1025_65535_sg-2").GetString("sourceSecurityGroupId").ShouldBe("sg-2");
        Should.Throw<ResourceProviderException>(() => SecurityGroupRuleProvider.ParseImportId("sgrule-1234")).Message.ShouldContain("<groupId>_<ingress|egress>_<protocol>");
    }

    [Fact]
    public async Task InstanceProfileCheck_NamePrefixIsStableAcrossChecks_AndConflictsAndArnRolesFail()
    {
        var provider = new InstanceProfileProvider();
        var first = await provider.CheckAsync(Check("profile", Map(("namePrefix", PropertyValue.Of("nodes-")))));
        first.Failures.ShouldBeEmpty();
        var name = first.Inputs.GetString("name")!;
        name.ShouldMatch("^nodes-[0-9a-f]{26}$");
        first.Inputs.GetString("path").ShouldBe("/");
        var again = await provider.CheckAsync(Check("profile", Map(("namePrefix", PropertyValue.Of("nodes-")))) with { OldInputs = first.Inputs, RandomSeed = [9, 9, 9] });
        again.Inputs.GetString("name").ShouldBe(name, "an update keeps the generated name");
        (await provider.CheckAsync(Check("profile", PropertyMap.Empty))).Inputs.GetString("name")!.ShouldMatch("^profile-[0-9a-f]{7}$");

        var both = await provider.CheckAsync(Check("profile", Map(("name", PropertyValue.Of("n")), ("namePrefix", PropertyValue.Of("p")))));
        both.Failures.ShouldHaveSingleItem().Reason.ShouldContain("name and namePrefix conflict");
        var arn = await provider.CheckAsync(Check("profile", Map(("role", PropertyValue.Of("arn:aws:iam::123456789012:role/nodes")))));
        arn.Failures.ShouldHaveSingleItem().Reason.ShouldContain("role takes the role's name, not its ARN");
    }

    [Fact]
    public async Task EksChecks_InvalidConflictModeAuthenticationModeAndTaintEffect_Fail()
    {
        var addon = await new Resources.Eks.AddonProvider().CheckAsync(Check("addon", Map(("clusterName", PropertyValue.Of("c")), ("addonName", PropertyValue.Of("coredns")),
            ("resolveConflictsOnCreate", PropertyValue.Of("PRESERVE")))));
        addon.Failures.ShouldHaveSingleItem().Reason.ShouldBe("resolveConflictsOnCreate must be NONE or OVERWRITE, not 'PRESERVE'.");
        var cluster = await new Resources.Eks.ClusterProvider().CheckAsync(Check("cluster", Map(("roleArn", PropertyValue.Of("arn:r")),
            ("vpcConfig", PropertyValue.Of(Map(("subnetIds", PropertyValue.Of([PropertyValue.Of("s-1"), PropertyValue.Of("s-2")]))))),
            ("accessConfig", PropertyValue.Of(Map(("authenticationMode", PropertyValue.Of("IAM"))))))));
        cluster.Failures.ShouldHaveSingleItem().Reason.ShouldContain("authenticationMode must be CONFIG_MAP, API_AND_CONFIG_MAP or API");
        var nodes = await new Resources.Eks.NodeGroupProvider().CheckAsync(Check("nodes", Map(("clusterName", PropertyValue.Of("c")), ("nodeRoleArn", PropertyValue.Of("arn:r")),
            ("subnetIds", PropertyValue.Of([PropertyValue.Of("s-1")])),
            ("scalingConfig", PropertyValue.Of(Map(("desiredSize", PropertyValue.Of(1)), ("minSize", PropertyValue.Of(1)), ("maxSize", PropertyValue.Of(1))))),
            ("taints", PropertyValue.Of([PropertyValue.Of(Map(("key", PropertyValue.Of("k")), ("effect", PropertyValue.Of("NoSchedule"))))])))));
        nodes.Failures.ShouldHaveSingleItem().Reason.ShouldContain("taint effect must be NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE, not 'NoSchedule'");
    }
}
