using static EcrAutomation.Lifecycle.Tests.PolicyJson;

namespace EcrAutomation.Lifecycle.Tests;

public sealed class LifecyclePolicyValidationTests
{
    private const string Expire = "{\"type\":\"expire\"}";
    private const string NoSchema = "instance failed to match exactly one schema (matched 0 out of 2)";

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"rules\":[}")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"rules\"")]
    public void Parse_NotAJsonObject_CouldNotMap(string text)
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => LifecyclePolicy.Parse(text));

        ex.AwsMessage.ShouldBe(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Could not map policyString into LifecyclePolicy.'");
        ex.Message.ShouldBe(ex.AwsMessage);
        ex.RuleIndex.ShouldBeNull();
    }

    [Theory]
    [InlineData("{}", "object has missing required properties ([\"rules\"])'")]
    [InlineData("{\"no_rules\":\"test\"}", "object has missing required properties ([\"rules\"])'")]
    [InlineData("{\"rules\":{\"rulePriority\":1}}", "object has missing required properties ([\"rules\"])'")]
    [InlineData("{\"rules\":[],\"version\":1}", "object instance has properties which are not allowed by the schema: ([\"version\"])'")]
    [InlineData("{\"rules\":[]}", "array is too short: must have at least 1 elements but instance has 0 elements'")]
    public void Parse_BadTopLevel_AwsMessage(string text, string reason)
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => LifecyclePolicy.Parse(text));

        ex.Reason.ShouldBe(reason);
        ex.AwsMessage.ShouldBe(Prefix + reason);
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { "\"rule\"", "instance type (string) does not match any allowed primitive type (allowed: [\"object\"])'" },
        { "{}", "object has missing required properties ([\"action\",\"rulePriority\",\"selection\"])'" },
        { "{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}}",
            "object has missing required properties ([\"action\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}").Replace("}}", "},\"unknown\":1}"),
            "object instance has properties which are not allowed by the schema: ([\"unknown\"])'" },
        { Rule(0, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "numeric instance is lower than the required minimum (minimum: 1, found: 0)" },
        { "{\"rulePriority\":\"1\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}",
            "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])'" },
        { "{\"rulePriority\":1.5,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}",
            "instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])'" },
        { "{\"rulePriority\":1,\"description\":5,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}",
            "instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])'" },
        { Rule(1, "{}"), "object has missing required properties ([\"countNumber\",\"countType\",\"tagStatus\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countNumber\":1}"), "object has missing required properties ([\"countType\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1,\"unknown\":true}"),
            "object instance has properties which are not allowed by the schema: ([\"unknown\"])'" },
        { Rule(1, "{\"tagStatus\":\"TAGGED\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "instance value (TAGGED) not found in enum :(possible values: [\"any\",\"tagged\",\"untagged\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThanX\",\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"hours\",\"countNumber\":1}"),
            "instance value (hours) not found in enum :(possible values: [\"days\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":null,\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0}"),
            "numeric instance is lower than the required minimum (minimum: 1, found: 0)" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":-3}"),
            "numeric instance is lower than the required minimum (minimum: 1, found: -3)" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":\"5\"}"),
            "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1,\"storageClass\":\"glacier\"}"),
            "instance value (glacier) not found in enum :(possible values: [\"archive\",\"standard\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{\"type\":\"keep\"}"),
            "instance value (keep) not found in enum :(possible values: [\"expire\",\"transition\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{}"),
            "object has missing required properties ([\"type\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{\"type\":\"expire\",\"when\":\"now\"}"),
            "object instance has properties which are not allowed by the schema: ([\"when\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{\"type\":\"expire\",\"targetStorageClass\":null}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{\"type\":\"expire\",\"targetStorageClass\":\"archive\"}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1}", "{\"type\":\"transition\"}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1}", "{\"type\":\"transition\",\"targetStorageClass\":\"standard\"}"),
            "instance value (standard) not found in enum :(possible values: [\"archive\"])'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":1}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":1,\"storageClass\":\"archive\"}",
            "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}"), NoSchema },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'" },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'" },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":\"prod\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "instance type (string) does not match any allowed primitive type (allowed: [\"array\"])'" },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[1],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])'" },
        { Rule(1, "{\"tagStatus\":\"untagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED.'" },
        { Rule(1, "{\"tagStatus\":\"any\",\"tagPatternList\":[\"prod*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED.'" },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"tagPatternList\":[\"prod*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "Cannot specify both tagPrefixList and tagPatternList in one rule.'" },
        { Rule(1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"test*1*2*3*4*5*6\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"),
            "Tag pattern 'test*1*2*3*4*5*6' has more than 4 wildcards (*).'" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void Parse_BadRule_AwsMessageNamingTheRule(string rule, string reason)
    {
        // The bad rule is second, after a valid one, so the message must point at rules[1].
        var text = Rules(Untagged(1), rule);

        var ex = Should.Throw<LifecyclePolicyValidationException>(() => LifecyclePolicy.Parse(text));

        ex.Reason.ShouldBe(reason);
        ex.AwsMessage.ShouldBe(Prefix + reason);
        ex.RuleIndex.ShouldBe(1);
        ex.Message.ShouldStartWith(ex.AwsMessage + " (rules[1]");
    }

    public static TheoryData<string, string, string> ErrorsNamingRuleAndField => new()
    {
        { Rules(Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0}")), "selection.countNumber",
            "numeric instance is lower than the required minimum (minimum: 1, found: 0) (rules[0], rulePriority 1, field selection.countNumber)" },
        { Rules(Rule(3, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":\"5\"}")), "selection.countNumber",
            "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])' (rules[0], rulePriority 3, field selection.countNumber)" },
        { Rules(Untagged(1), Rule(2, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":14}")), "selection.countUnit",
            NoSchema + " (rules[1], rulePriority 2, field selection.countUnit: countType \"sinceImagePushed\" requires \"countUnit\": \"days\")" },
        { Rules(Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1}")), "selection.countUnit",
            NoSchema + " (rules[0], rulePriority 1, field selection.countUnit: countUnit is only allowed with the since* count types, not \"imageCountMoreThan\")" },
        { Rules(Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThanX\",\"countNumber\":1}")), "selection.countType",
            NoSchema + " (rules[0], rulePriority 1, field selection.countType: \"imageCountMoreThanX\" is not one of imageCountMoreThan, sinceImagePulled, sinceImagePushed, sinceImageTransitioned)" },
        { Rules(Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}", "{\"type\":\"expire\",\"targetStorageClass\":null}")), "action.targetStorageClass",
            NoSchema + " (rules[0], rulePriority 1, field action.targetStorageClass: null is not allowed; omit the member or give it a value)" },
        { "{\"rules\":[]}", "rules",
            "array is too short: must have at least 1 elements but instance has 0 elements' (field rules: a policy needs at least one rule)" },
    };

    [Theory]
    [MemberData(nameof(ErrorsNamingRuleAndField))]
    public void Parse_InvalidPolicy_MessageKeepsAwsWordingAndNamesRuleAndField(string text, string field, string expected)
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(() => LifecyclePolicy.Parse(text));

        ex.Field.ShouldBe(field);
        ex.Message.ShouldBe(Prefix + expected);
        ex.AwsMessage.ShouldBe(Prefix + ex.Reason);
    }

    [Fact]
    public void Parse_TwoUntaggedRules_OnlyOneUntaggedNamingTheSecond()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Untagged(5), Prefixes(1, "[\"v\"]"), Untagged(3))));

        ex.AwsMessage.ShouldBe(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: Only one rule can select Untagged images per storage class.'");
        ex.Message.ShouldBe(ex.AwsMessage + " (rules[0], rulePriority 5)");
        ex.RulePriority.ShouldBe(5);
    }

    [Fact]
    public void Parse_UntaggedRulesInDifferentStorageClasses_Valid()
    {
        var text = Rules(
            Rule(1, "{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30}",
                "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}"),
            Rule(2, "{\"tagStatus\":\"untagged\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90}"));

        var policy = LifecyclePolicy.Parse(text);

        policy.Rules.Count.ShouldBe(2);
        policy.Rules[1].Selection.StorageClass.ShouldBe(StorageClass.Archive);
        policy.Rules[0].Action.ShouldBe(LifecycleAction.TransitionToArchive);
    }

    [Fact]
    public void Parse_AnyRuleNotLast_AnyMustHaveLowestPriority()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Any(1, 10), Untagged(2))));

        ex.Reason.ShouldBe("Rule for tagStatus=ANY must have the lowest priority per storage class'");
        ex.Message.ShouldBe(Prefix + ex.Reason + " (rules[0], rulePriority 1)");
    }

    [Fact]
    public void Parse_TwoAnyRules_AnyMustHaveLowestPriority()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Any(2, 10), Any(3, 5))));

        ex.Reason.ShouldBe("Rule for tagStatus=ANY must have the lowest priority per storage class'");
        ex.RulePriority.ShouldBe(2);
    }

    [Fact]
    public void Parse_AnyRuleLastInOtherStorageClass_Valid()
    {
        // An archive-class any rule only needs to be last among archive rules.
        var text = Rules(
            Rule(1, "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90}"),
            Untagged(2));

        Should.NotThrow(() => LifecyclePolicy.Parse(text));
    }

    [Fact]
    public void Parse_DuplicatePriority_NamesTheLaterRule()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Prefixes(2, "[\"a\"]"), Untagged(2))));

        ex.Reason.ShouldBe("Rule priorities must be unique; rulePriority 2 is used by more than one rule.'");
        ex.RuleIndex.ShouldBe(1);
    }

    [Fact]
    public void Parse_SamePrefixSetInTwoRules_DuplicatePrefixList()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Prefixes(1, "[\"prod\",\"v\"]"), Untagged(2), Prefixes(3, "[\"v\",\"prod\",\"v\"]"))));

        ex.Reason.ShouldBe("The tagPrefixList [\"prod\",\"v\"] is used by more than one rule per storage class.'");
        ex.Message.ShouldEndWith("(rules[2], rulePriority 3)");
    }

    [Fact]
    public void Parse_RulesSharingOnePrefix_Valid()
    {
        Should.NotThrow(() => LifecyclePolicy.Parse(Rules(Prefixes(1, "[\"prod\",\"v\"]"), Prefixes(2, "[\"prod\"]"))));
    }

    [Fact]
    public void Parse_FourWildcardsPerPattern_Valid()
    {
        var text = Rules(Rule(
            1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"*test*1*2*3\",\"test*1*2*3*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}"));

        LifecyclePolicy.Parse(text).Rules[0].Selection.TagPatternList.ShouldBe(["*test*1*2*3", "test*1*2*3*"]);
    }

    [Fact]
    public void Parse_FullRule_ReadsEveryField()
    {
        var text = Rules(
            "{\"rulePriority\":7,\"description\":\"keep ten releases\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\",\"release\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}",
            Rule(9, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14}"));

        var policy = LifecyclePolicy.Parse(text);

        policy.Rules[0].ShouldBe(new LifecycleRule(
            7,
            "keep ten releases",
            new LifecycleSelection(TagStatus.Tagged, CountType.ImageCountMoreThan, 10, TagPrefixList: ["v", "release"]),
            LifecycleAction.Expire));
        policy.Rules[1].Selection.ShouldBe(new LifecycleSelection(TagStatus.Any, CountType.SinceImagePushed, 14, CountUnit.Days));
    }

    [Theory]
    [InlineData("99999999999", "numeric instance is greater than the required maximum (maximum: 2147483647, found: 99999999999)")]
    [InlineData("1e2", "instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])'")]
    [InlineData("-0", "numeric instance is lower than the required minimum (minimum: 1, found: 0)")]
    [InlineData("true", "instance type (boolean) does not match any allowed primitive type (allowed: [\"integer\"])'")]
    public void Parse_CountNumberOutOfRangeOrNotInteger_JsonSchemaMessage(string countNumber, string reason)
    {
        var text = Rules(Rule(1, $"{{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":{countNumber}}}"));

        Should.Throw<LifecyclePolicyValidationException>(() => LifecyclePolicy.Parse(text)).Reason.ShouldBe(reason);
    }

    [Fact]
    public void Parse_DuplicateJsonKey_LastValueWins()
    {
        var text = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0,\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";

        LifecyclePolicy.Parse(text).Rules[0].Selection.CountNumber.ShouldBe(5);
    }

    [Fact]
    public void Parse_RuleWithoutValidPriority_MessageNamesIndexOnly()
    {
        var ex = Should.Throw<LifecyclePolicyValidationException>(
            () => LifecyclePolicy.Parse(Rules(Untagged(1), "{\"selection\":{},\"action\":{}}")));

        ex.Message.ShouldBe(Prefix + "object has missing required properties ([\"rulePriority\"])' (rules[1])");
        ex.RulePriority.ShouldBeNull();
    }

    [Fact]
    public void Parse_EnumSpellings_RoundTripThroughJsonNames()
    {
        foreach (var value in Enum.GetValues<TagStatus>())
        {
            LifecycleJsonNames.TagStatuses[value.ToJson()].ShouldBe(value);
        }

        foreach (var value in Enum.GetValues<CountType>())
        {
            LifecycleJsonNames.CountTypes[value.ToJson()].ShouldBe(value);
        }

        ActionType.Transition.ToJson().ShouldBe("transition");
        StorageClass.Archive.ToJson().ShouldBe("archive");
        CountUnit.Days.ToJson().ShouldBe("days");
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithMessage()
    {
        LifecyclePolicy.TryParse(Rules(Untagged(1), Untagged(2)), out var policy, out var error).ShouldBeFalse();

        policy.ShouldBeNull();
        error.ShouldBe(Prefix + "Only one rule can select Untagged images per storage class.' (rules[1], rulePriority 2)");
    }

    [Fact]
    public void TryParse_Valid_ReturnsPolicy()
    {
        LifecyclePolicy.TryParse(Rules(Untagged(1)), out var policy, out var error).ShouldBeTrue();

        error.ShouldBeNull();
        policy!.Rules.ShouldHaveSingleItem().Selection.TagStatus.ShouldBe(TagStatus.Untagged);
    }

    [Fact]
    public void Validate_ModelBuiltInCode_SameChecksAsParse()
    {
        var policy = new LifecyclePolicy(
        [
            new LifecycleRule(1, null, new LifecycleSelection(TagStatus.Tagged, CountType.ImageCountMoreThan, 3), LifecycleAction.Expire),
        ]);

        var ex = Should.Throw<LifecyclePolicyValidationException>(policy.Validate);

        ex.Reason.ShouldBe("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.'");
        ex.Message.ShouldEndWith(" (rules[0], rulePriority 1)");
    }
}
