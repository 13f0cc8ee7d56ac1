namespace EcrAutomation.Engine.Tests;

/// <summary><see cref="CustomResourceOptions.WithAdditionalSecretOutputs"/>: what resource classes with always-secret outputs pass on.</summary>
public sealed class CustomResourceOptionsTests
{
    [Fact]
    public void WithAdditionalSecretOutputs_CopiesEveryOption_AddsTheNamesOnce_AndLeavesTheCallersOptionsUnchanged()
    {
        var timeouts = new CustomTimeouts { Create = TimeSpan.FromMinutes(3) };
        var options = new CustomResourceOptions
        {
            Protect = true,
            DeleteBeforeReplace = true,
            IgnoreChanges = ["spec.replicas"],
            CustomTimeouts = timeouts,
            ImportId = "default/app",
            AdditionalSecretOutputs = ["data"],
        };

        var copy = options.WithAdditionalSecretOutputs("data", "stringData");

        copy.ShouldNotBeSameAs(options);
        copy.AdditionalSecretOutputs.ShouldBe(["data", "stringData"]);
        options.AdditionalSecretOutputs.ShouldBe(["data"]);
        (copy.Protect, copy.DeleteBeforeReplace, copy.ImportId, copy.CustomTimeouts).ShouldBe((true, true, "default/app", timeouts));
        copy.IgnoreChanges.ShouldBe(["spec.replicas"]);
    }
}
