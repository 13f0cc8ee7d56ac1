using static EcrAutomation.Lifecycle.Tests.PolicyJson;

namespace EcrAutomation.Lifecycle.Tests;

public sealed class CanonicalJsonTests
{
    private const string DefaultPolicyJson =
        "{\"rules\":[{\"action\":{\"type\":\"expire\"},\"description\":\"remove untagged images\",\"rulePriority\":1,\"selection\":{\"countNumber\":1,\"countType\":\"imageCountMoreThan\",\"tagStatus\":\"untagged\"}}]}";

    [Fact]
    public void ToCanonicalJson_RecordedAwsxDefault_ReproducedByteForByte()
    {
        LifecyclePolicy.Parse(DefaultPolicyJson).ToCanonicalJson().ShouldBe(DefaultPolicyJson);
    }

    [Fact]
    public void ToCanonicalJson_DifferentRuleOrderKeyOrderAndWhitespace_IdenticalStrings()
    {
        const string a = """
            {
              "rules": [
                { "rulePriority": 1, "description": "untagged", "selection": { "tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7 }, "action": { "type": "expire" } },
                { "rulePriority": 3, "selection": { "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 50 }, "action": { "type": "expire" } },
                { "rulePriority": 2, "description": "releases", "selection": { "tagStatus": "tagged", "tagPatternList": ["v*.*", "*-prod"], "countType": "imageCountMoreThan", "countNumber": 10 }, "action": { "type": "expire" } }
              ]
            }
            """;
        const string b = """{"rules":[{"action":{"type":"expire"},"selection":{"countNumber":50,"countType":"imageCountMoreThan","tagStatus":"any"},"rulePriority":3},{"selection":{"countNumber":10,"tagPatternList":["v*.*","*-prod"],"tagStatus":"tagged","countType":"imageCountMoreThan"},"rulePriority":2,"action":{"type":"expire"},"description":"releases"},{"description":"untagged","action":{"type":"expire"},"rulePriority":1,"selection":{"countUnit":"days","countNumber":7,"countType":"sinceImagePushed","tagStatus":"untagged"}}]}""";

        var pa = LifecyclePolicy.Parse(a);
        var pb = LifecyclePolicy.Parse(b);

        pa.ToCanonicalJson().ShouldBe(pb.ToCanonicalJson());
        pa.ShouldBe(pb);
        pa.GetHashCode().ShouldBe(pb.GetHashCode());
        pa.ToCanonicalJson().ShouldBe(
            "{\"rules\":[" +
            "{\"action\":{\"type\":\"expire\"},\"description\":\"untagged\",\"rulePriority\":1,\"selection\":{\"countNumber\":7,\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"tagStatus\":\"untagged\"}}," +
            "{\"action\":{\"type\":\"expire\"},\"description\":\"releases\",\"rulePriority\":2,\"selection\":{\"countNumber\":10,\"countType\":\"imageCountMoreThan\",\"tagPatternList\":[\"v*.*\",\"*-prod\"],\"tagStatus\":\"tagged\"}}," +
            "{\"action\":{\"type\":\"expire\"},\"rulePriority\":3,\"selection\":{\"countNumber\":50,\"countType\":\"imageCountMoreThan\",\"tagStatus\":\"any\"}}]}");
    }

    [Fact]
    public void ToCanonicalJson_EveryOptionalMember_AlphabeticalAndRoundTrips()
    {
        var text = Rules(
            Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":30,\"storageClass\":\"standard\"}",
                "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}"),
            Rule(2, "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90}"));

        var canonical = LifecyclePolicy.Parse(text).ToCanonicalJson();

        canonical.ShouldBe(
            "{\"rules\":[" +
            "{\"action\":{\"targetStorageClass\":\"archive\",\"type\":\"transition\"},\"rulePriority\":1,\"selection\":{\"countNumber\":30,\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"tagPrefixList\":[\"v\"],\"tagStatus\":\"tagged\"}}," +
            "{\"action\":{\"type\":\"expire\"},\"rulePriority\":2,\"selection\":{\"countNumber\":90,\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"storageClass\":\"archive\",\"tagStatus\":\"any\"}}]}");
        LifecyclePolicy.Parse(canonical).ToCanonicalJson().ShouldBe(canonical);
    }

    [Fact]
    public void ToCanonicalJson_DescriptionWithQuotesAndUnicode_EscapedDeterministicallyAndRoundTrips()
    {
        var text = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep \\\"one\\\" <untagged> – café\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}";

        var policy = LifecyclePolicy.Parse(text);
        var canonical = policy.ToCanonicalJson();

        policy.Rules[0].Description.ShouldBe("keep \"one\" <untagged> – café");
        LifecyclePolicy.Parse(canonical).ShouldBe(policy);
        LifecyclePolicy.Parse(canonical).ToCanonicalJson().ShouldBe(canonical);
    }

    [Fact]
    public void Canonicalize_Text_SameAsParseThenToCanonicalJson()
    {
        var text = Rules(Any(9, 100), Untagged(2));

        LifecyclePolicy.Canonicalize(text).ShouldBe(LifecyclePolicy.Parse(text).ToCanonicalJson());
        LifecyclePolicy.Parse(text).ToString().ShouldBe(LifecyclePolicy.Canonicalize(text));
        LifecyclePolicy.Canonicalize(text).ShouldStartWith("{\"rules\":[{\"action\":{\"type\":\"expire\"},\"rulePriority\":2,");
    }

    [Fact]
    public void ToCanonicalJson_ExplicitStandardStorageClass_SameAsOmitted()
    {
        var explicitStandard = LifecyclePolicy.Parse(Rules(Rule(1, "{\"tagStatus\":\"untagged\",\"storageClass\":\"standard\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1}")));
        var omitted = LifecyclePolicy.Parse(Rules(Untagged(1)));

        explicitStandard.Rules[0].Selection.StorageClass.ShouldBe(StorageClass.Standard);
        explicitStandard.ToCanonicalJson().ShouldBe(omitted.ToCanonicalJson());
        explicitStandard.ShouldBe(omitted);
    }

    [Fact]
    public void Equals_DifferentCountNumber_NotEqual()
    {
        LifecyclePolicy.Parse(Rules(Untagged(1, 1))).ShouldNotBe(LifecyclePolicy.Parse(Rules(Untagged(1, 2))));
    }

    [Fact]
    public void Equals_DifferentTagListOrder_NotEqual()
    {
        // List order is kept as written: only rule order and key order are normalised.
        LifecyclePolicy.Parse(Rules(Prefixes(1, "[\"a\",\"b\"]"))).ToCanonicalJson()
            .ShouldNotBe(LifecyclePolicy.Parse(Rules(Prefixes(1, "[\"b\",\"a\"]"))).ToCanonicalJson());
    }
}
