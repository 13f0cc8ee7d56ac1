using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>The Fargate size table, awsx's argument errors and the providers' preview-time checks (no cloud needed).</summary>
public sealed class EcsValidationTests
{
    [Theory]
    [InlineData(512, 128, 512, 1024)]     // the seed's container (recorded by awsx)
    [InlineData(0, 0, 256, 512)]          // nothing requested
    [InlineData(256, 512, 256, 512)]
    [InlineData(256, 600, 256, 1024)]
    [InlineData(256, 4096, 512, 4096)]    // 256 CPU allows only 2 GB: the cheapest with 4 GB is 512 CPU
    [InlineData(1024, 3000, 1024, 3072)]
    [InlineData(2048, 1024, 2048, 4096)]
    [InlineData(4096, 30720, 4096, 30720)]
    [InlineData(5000, 1024, 8192, 16384)]
    [InlineData(16384, 122880, 16384, 122880)]
    public void CheapestFit_Requested_PicksCheapestValidFargateSize(int cpu, int memory, int expectedCpu, int expectedMemory) =>
        FargateSizes.CheapestFit(cpu, memory).ShouldBe(new FargateSize(expectedCpu, expectedMemory));

    [Theory]
    [InlineData(16385, 512)]
    [InlineData(1024, 122881)]
    public void CheapestFit_BeyondFargate_Throws(int cpu, int memory) =>
        Should.Throw<ArgumentException>(() => FargateSizes.CheapestFit(cpu, memory)).Message.ShouldStartWith("Requested resources exceed the maximum allowed for Fargate");

    [Fact]
    public void All_MatchesEcsTable()
    {
        FargateSizes.All.Count(s => s.Cpu == 256).ShouldBe(3);
        FargateSizes.All.Where(s => s.Cpu == 512).Select(s => s.Memory).ShouldBe([1024, 2048, 3072, 4096]);
        FargateSizes.All.Where(s => s.Cpu == 4096).Select(s => s.Memory).Last().ShouldBe(30720);
        FargateSizes.All.Where(s => s.Cpu == 8192).Select(s => s.Memory).ShouldBe([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
        FargateSizes.IsValid(1024, 1024).ShouldBeFalse();
        FargateSizes.ParseCpu("1 vCPU").ShouldBe(1024);
        FargateSizes.ParseMemory("2 GB").ShouldBe(2048);
        FargateSizes.ParseMemory("512").ShouldBe(512);
    }

    private static FargateServiceTaskDefinitionArgs Td() => new() { Container = new TaskDefinitionContainerDefinitionArgs { Image = "nginx" } };

    public static TheoryData<string, Func<FargateServiceArgs>> ServiceErrors => new()
    {
        { "Only one of `taskDefinition` or `taskDefinitionArgs` can be provided.", () => new() { TaskDefinition = "family:1", TaskDefinitionArgs = Td() } },
        { "Either `taskDefinition` or `taskDefinitionArgs` must be provided.", () => new() },
        { "Only one of `networkConfiguration` or `assignPublicIp` can be provided.", () => new() { TaskDefinition = "f:1", AssignPublicIp = true, NetworkConfiguration = new() { Subnets = new InputList<string> { "subnet-1" } } } },
        { "Only one of `capacityProviderStrategies` or `useClusterDefaultCapacityProviderStrategy` can be provided.", () => new() { TaskDefinition = "f:1", CapacityProviderStrategies = [new() { CapacityProvider = "FARGATE_SPOT" }], UseClusterDefaultCapacityProviderStrategy = true } },
        { "Exactly one of [container] or [containers] must be provided", () => new() { TaskDefinitionArgs = new() } },
        { "Exactly one of [container] or [containers] must be provided", () => new() { TaskDefinitionArgs = new() { Container = new() { Image = "a" }, Containers = new Dictionary<string, TaskDefinitionContainerDefinitionArgs> { ["b"] = new() { Image = "b" } } } } },
    };

    [Theory]
    [MemberData(nameof(ServiceErrors))]
    public void FargateServiceValidate_InvalidArgs_ThrowsAwsxError(string message, Func<FargateServiceArgs> args) =>
        Should.Throw<AwsxArgumentException>(() => FargateService.Validate(args())).Message.ShouldBe(message);

    [Fact]
    public void FargateServiceValidate_ValidArgs_DoesNotThrow()
    {
        FargateService.Validate(new FargateServiceArgs { TaskDefinitionArgs = Td(), AssignPublicIp = true });
        FargateService.Validate(new FargateServiceArgs { TaskDefinition = "f:1" });
    }

    public static TheoryData<string, Func<ApplicationLoadBalancerArgs>> LoadBalancerErrors => new()
    {
        { "Only one of [subnets], [subnetIds] or [subnetMappings] can be specified", () => new() { Subnets = new InputList<string> { "s-1" }, SubnetIds = new InputList<string> { "s-2" } } },
        { "Only one of [subnets], [subnetIds] or [subnetMappings] can be specified", () => new() { SubnetIds = new InputList<string> { "s-1" }, SubnetMappings = new InputList<string> { "s-2" } } },
        { "Only one of [listener] and [listeners] can be specified", () => new() { Listener = new(), Listeners = [new()] } },
        { "Only one of [defaultSecurityGroup] [args] or [securityGroupId] can be specified", () => new() { DefaultSecurityGroup = new() { SecurityGroupId = "sg-1", Args = new() } } },
        { "Only one of [defaultTargetGroup] or [defaultTargetGroupPort] can be specified", () => new() { DefaultTargetGroup = new(), DefaultTargetGroupPort = 8080 } },
    };

    [Theory]
    [MemberData(nameof(LoadBalancerErrors))]
    public void ApplicationLoadBalancerValidate_InvalidArgs_ThrowsAwsxError(string message, Func<ApplicationLoadBalancerArgs> args) =>
        Should.Throw<AwsxArgumentException>(() => ApplicationLoadBalancer.Validate(args())).Message.ShouldBe(message);

    [Fact]
    public void DefaultPortAndProtocol_FollowsAwsxRules()
    {
        ApplicationLoadBalancer.DefaultPortAndProtocol(new()).ShouldBe((80, "HTTP"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { DefaultTargetGroupPort = 8080 }).ShouldBe((8080, "HTTP"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { Listener = new() { Port = 443 } }).ShouldBe((443, "HTTPS"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { Listener = new() { Port = 8443, Protocol = "HTTPS" } }).ShouldBe((8443, "HTTPS"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { Listener = new() { Protocol = "HTTPS" } }).ShouldBe((443, "HTTPS"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { Listener = new() { Protocol = "HTTP" } }).ShouldBe((80, "HTTP"));
        ApplicationLoadBalancer.DefaultPortAndProtocol(new() { Listeners = [new() { Port = 8080 }] }).ShouldBe((8080, "HTTP"), "unlike awsx (#1292), one listener still sets the target group port");
    }

    [Fact]
    public void DefaultFamily_IsStableAndStackSpecific()
    {
        FargateTaskDefinition.DefaultFamily("service", "dev").ShouldBe(FargateTaskDefinition.DefaultFamily("service", "dev"));
        FargateTaskDefinition.DefaultFamily("service", "dev").ShouldNotBe(FargateTaskDefinition.DefaultFamily("service", "prod"));
        FargateTaskDefinition.DefaultFamily("service", "dev").ShouldMatch("^service-[0-9a-f]{8}$");
    }

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
}
