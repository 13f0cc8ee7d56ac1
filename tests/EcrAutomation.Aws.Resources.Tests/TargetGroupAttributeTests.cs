using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>
/// A target group's <c>deregistrationDelay</c> reaches AWS (an attribute, set after CreateTargetGroup and on update), so a
/// deregistered target drains for the delay the program asks for rather than AWS's default 300 s.
/// </summary>
public sealed class TargetGroupAttributeTests(ProxiedCloudFixture cloud) : IClassFixture<ProxiedCloudFixture>
{
    [Fact(Timeout = 120_000)]
    public async Task DeregistrationDelay_SetOnCreate_ChangedOnUpdate_DefaultWhenUnset()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var provider = new TargetGroupProvider();
        var inputs = PropertyMap.Empty.Set("port", PropertyValue.Of(8080)).Set("protocol", PropertyValue.Of("HTTP"))
            .Set("vpcId", PropertyValue.Of(vpc)).Set("targetType", PropertyValue.Of("ip")).Set("deregistrationDelay", PropertyValue.Of(5));
        const string urn = "urn:pulumi:tg::test::aws:lb/targetGroup:TargetGroup::drain";
        var check = await provider.CheckAsync(new CheckRequest(urn, TargetGroupProvider.Type, "drain", null, inputs, Guid.NewGuid().ToByteArray()) { Config = cloud.ProxiedConfig });
        check.Failures.ShouldBeEmpty();

        var created = await provider.CreateAsync(new CreateRequest(urn, TargetGroupProvider.Type, "drain", check.Inputs, null) { Config = cloud.ProxiedConfig });
        (await DelayAsync(created.Id)).ShouldBe("5");

        var changed = check.Inputs.Set("deregistrationDelay", PropertyValue.Of(30));
        await provider.UpdateAsync(new UpdateRequest(urn, TargetGroupProvider.Type, "drain", created.Id, check.Inputs, created.Outputs, changed, null) { Config = cloud.ProxiedConfig });
        (await DelayAsync(created.Id)).ShouldBe("30");

        var unset = check.Inputs.Remove("deregistrationDelay");
        await provider.UpdateAsync(new UpdateRequest(urn, TargetGroupProvider.Type, "drain", created.Id, changed, created.Outputs, unset, null) { Config = cloud.ProxiedConfig });
        (await DelayAsync(created.Id)).ShouldBe("300");
    }

    private async Task<string?> DelayAsync(string arn) =>
        (await cloud.Aws.Elb.DescribeTargetGroupAttributesAsync(arn)).Attributes.Single(a => a.Key == "deregistration_delay.timeout_seconds").Value;
}
