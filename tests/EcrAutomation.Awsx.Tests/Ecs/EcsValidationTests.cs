using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>The Fargate size table, awsx's argument errors and the providers' preview-time checks (no cloud needed).</summary>
public sealed class EcsValidationTests
{
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
}
