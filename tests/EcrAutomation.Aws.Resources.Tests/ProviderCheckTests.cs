using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Aws.Resources.Ecs;
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
}
