using EcrAutomation.Lifecycle.Awsx;

namespace EcrAutomation.Lifecycle.Tests.Awsx;

public sealed class AwsxLifecyclePolicyTests
{
    private const string DefaultPolicyJson =
        "{\"rules\":[{\"action\":{\"type\":\"expire\"},\"description\":\"remove untagged images\",\"rulePriority\":1,\"selection\":{\"countNumber\":1,\"countType\":\"imageCountMoreThan\",\"tagStatus\":\"untagged\"}}]}";

    [Fact]
    public void Convert_NullRules_DefaultKeepOneUntagged()
    {
        var policy = AwsxLifecyclePolicy.Convert(null);

        policy.ShouldBe(AwsxLifecyclePolicy.Default);
        policy.ToCanonicalJson().ShouldBe(DefaultPolicyJson);
        policy.ShouldBe(LifecyclePolicy.Parse(DefaultPolicyJson));
    }

    [Fact]
    public void Convert_AnyRuleFirst_MovedLastAndOthersKeepTheirOrder()
    {
        var policy = AwsxLifecyclePolicy.Convert(
        [
            new AwsxLifecycleRule("any", MaximumNumberOfImages: 100, Description: "cap"),
            new AwsxLifecycleRule("tagged", TagPrefixList: ["v"], MaximumNumberOfImages: 10),
            new AwsxLifecycleRule("untagged", MaximumAgeLimit: 7),
        ]);

        policy.ToCanonicalJson().ShouldBe(
            "{\"rules\":[" +
            "{\"action\":{\"type\":\"expire\"},\"rulePriority\":1,\"selection\":{\"countNumber\":10,\"countType\":\"imageCountMoreThan\",\"tagPrefixList\":[\"v\"],\"tagStatus\":\"tagged\"}}," +
            "{\"action\":{\"type\":\"expire\"},\"rulePriority\":2,\"selection\":{\"countNumber\":7,\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"tagStatus\":\"untagged\"}}," +
            "{\"action\":{\"type\":\"expire\"},\"description\":\"cap\",\"rulePriority\":3,\"selection\":{\"countNumber\":100,\"countType\":\"imageCountMoreThan\",\"tagStatus\":\"any\"}}]}");
    }

    [Fact]
    public void Convert_BothCounts_MaximumNumberOfImagesWins()
    {
        var rule = AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("untagged", MaximumNumberOfImages: 3, MaximumAgeLimit: 30)]).Rules.ShouldHaveSingleItem();

        rule.Selection.ShouldBe(new LifecycleSelection(TagStatus.Untagged, CountType.ImageCountMoreThan, 3));
    }

    [Fact]
    public void Convert_ListsOnAnyOrUntaggedRule_Ignored()
    {
        var rule = AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("untagged", TagPrefixList: ["v"], MaximumNumberOfImages: 1)]).Rules.Single();

        rule.Selection.TagPrefixList.ShouldBeNull();
    }

    [Fact]
    public void Convert_TaggedRuleWithPatternList_Accepted()
    {
        var rule = AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("tagged", TagPatternList: ["v*-prod"], MaximumAgeLimit: 90)]).Rules.Single();

        rule.Selection.ShouldBe(new LifecycleSelection(
            TagStatus.Tagged, CountType.SinceImagePushed, 90, CountUnit.Days, TagPatternList: ["v*-prod"]));
    }

    [Fact]
    public void Convert_UnknownTagStatus_TreatedAsTagged()
    {
        var rule = AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("TAGGED", TagPrefixList: ["v"], MaximumNumberOfImages: 2)]).Rules.Single();

        rule.Selection.TagStatus.ShouldBe(TagStatus.Tagged);
    }

    [Fact]
    public void Convert_TwoAnyRules_AwsxMessage()
    {
        var ex = Should.Throw<AwsxLifecycleRuleException>(() => AwsxLifecyclePolicy.Convert(
        [
            new AwsxLifecycleRule("any", MaximumNumberOfImages: 1),
            new AwsxLifecycleRule("untagged", MaximumNumberOfImages: 1),
            new AwsxLifecycleRule("any"),
        ]));

        ex.Message.ShouldBe("At most one [selection: \"any\"] rule can be provided.");
        ex.RuleIndex.ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Convert_TaggedWithoutTags_AwsxMessage(bool emptyLists)
    {
        var rule = emptyLists
            ? new AwsxLifecycleRule("tagged", TagPrefixList: [], TagPatternList: [], MaximumNumberOfImages: 1)
            : new AwsxLifecycleRule("tagged", MaximumNumberOfImages: 1);

        var ex = Should.Throw<AwsxLifecycleRuleException>(
            () => AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("untagged", MaximumNumberOfImages: 1), rule]));

        ex.Message.ShouldBe("tagPrefixList cannot be empty.");
        ex.RuleIndex.ShouldBe(1);
    }

    [Fact]
    public void Convert_NoCount_AwsxMessage()
    {
        var ex = Should.Throw<AwsxLifecycleRuleException>(
            () => AwsxLifecyclePolicy.Convert([new AwsxLifecycleRule("untagged", Description: "oops")]));

        ex.Message.ShouldBe("Either [maximumNumberOfImages] or [maximumAgeLimit] must be provided with a rule.");
        ex.ShouldBeAssignableTo<LifecyclePolicyException>();
    }

    [Fact]
    public void Convert_EmptyList_NotTheDefaultAndRejectedByEcrValidation()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => AwsxLifecyclePolicy.Convert([]));

        ex.Reason.ShouldBe("array is too short: must have at least 1 elements but instance has 0 elements'");
    }

    [Fact]
    public void Convert_ZeroImages_EcrValidationNamesTheConvertedRule()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => AwsxLifecyclePolicy.Convert(
        [
            new AwsxLifecycleRule("untagged", MaximumNumberOfImages: 1),
            new AwsxLifecycleRule("tagged", TagPrefixList: ["v"], MaximumNumberOfImages: 0),
        ]));

        ex.Message.ShouldBe(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: " +
            "numeric instance is lower than the required minimum (minimum: 1, found: 0) (rules[1], rulePriority 2, field selection.countNumber)");
    }

    [Fact]
    public void Convert_TwoUntaggedRules_EcrValidationMessage()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => AwsxLifecyclePolicy.Convert(
        [
            new AwsxLifecycleRule("untagged", MaximumNumberOfImages: 1),
            new AwsxLifecycleRule("untagged", MaximumAgeLimit: 1),
        ]));

        ex.Reason.ShouldBe("Only one rule can select Untagged images per storage class.'");
        ex.RulePriority.ShouldBe(2);
    }

    [Fact]
    public void Convert_BothTagLists_EcrValidationMessage()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => AwsxLifecyclePolicy.Convert(
            [new AwsxLifecycleRule("tagged", TagPrefixList: ["v"], TagPatternList: ["v*"], MaximumNumberOfImages: 1)]));

        ex.Reason.ShouldBe("Cannot specify both tagPrefixList and tagPatternList in one rule.'");
    }

    [Fact]
    public void Convert_Result_RoundTripsThroughParse()
    {
        var policy = AwsxLifecyclePolicy.Convert(
        [
            new AwsxLifecycleRule("untagged", MaximumAgeLimit: 1, Description: "drop untagged after a day"),
            new AwsxLifecycleRule("tagged", TagPrefixList: ["release-", "v"], MaximumNumberOfImages: 20),
            new AwsxLifecycleRule("any", MaximumAgeLimit: 365),
        ]);

        LifecyclePolicy.Parse(policy.ToCanonicalJson()).ShouldBe(policy);
    }
}
