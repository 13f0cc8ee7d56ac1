using EcrAutomation.Lifecycle.Awsx;
using static EcrAutomation.Lifecycle.Tests.PolicyJson;

namespace EcrAutomation.Lifecycle.Tests;

public sealed class LifecycleEvaluatorTests
{
    private static readonly DateTimeOffset _day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _now = _day0.AddDays(100);

    private static LifecycleImage Image(string digest, double day, params string[] tags) =>
        new("sha256:" + digest, tags, _day0.AddDays(day));

    private static LifecycleEvaluation Evaluate(string policy, params LifecycleImage[] images) =>
        LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policy), images, _now);

    private static string[] Expired(LifecycleEvaluation result) =>
        [.. result.Expire.Select(e => $"{e.Image.Digest[7..]}@{e.AppliedRulePriority}")];

    private static string[] Kept(LifecycleEvaluation result) => [.. result.Keep.Select(i => i.Digest[7..])];

    [Fact]
    public void Evaluate_UntaggedKeepOne_ExpiresOlderUntaggedOnly()
    {
        var result = Evaluate(
            AwsxLifecyclePolicy.Default.ToCanonicalJson(),
            Image("u1", 1), Image("u2", 2), Image("u3", 3), Image("t1", 0, "latest"));

        Expired(result).ShouldBe(["u1@1", "u2@1"]);
        Kept(result).ShouldBe(["t1", "u3"]);
    }

    [Fact]
    public void Evaluate_UntaggedRuleWhenEveryImageIsTagged_ExpiresNothing()
    {
        var result = Evaluate(Rules(Untagged(1)), Image("a", 1, "x"), Image("b", 2, "y"));

        result.Expire.ShouldBeEmpty();
        Kept(result).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Evaluate_ImageSelectedByHigherRule_IsCountedButNotExpiredByLowerRule()
    {
        // Rule 1 selects a and b (prod*) and keeps the newest, b. Rule 2 (any, keep 1) counts all four images
        // newest first: d kept, c expired, b and a counted but protected by rule 1 (a was already expired by it).
        var result = Evaluate(
            Rules(Prefixes(1, "[\"prod\"]"), Any(2)),
            Image("a", 1, "prod1"), Image("b", 2, "prod2"), Image("c", 3, "dev"), Image("d", 4));

        Expired(result).ShouldBe(["a@1", "c@2"]);
        Kept(result).ShouldBe(["b", "d"]);
    }

    [Fact]
    public void Evaluate_ImagesKeptByHigherRule_StillFillTheLowerRulesCount()
    {
        // Rule 1 (old*, older than 30 days) expires x and keeps y (5 days). Rule 2 (any, keep 2) sees v, w, z, y, x:
        // v and w are the two kept, z is expired, y and x were selected by rule 1 so rule 2 cannot act on them.
        var result = Evaluate(
            Rules(
                Rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"old\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30}"),
                Any(2, 2)),
            Image("x", 1, "old-1"), Image("y", 95, "old-2"), Image("z", 96), Image("w", 97, "new"), Image("v", 98, "new2"));

        Expired(result).ShouldBe(["x@1", "z@2"]);
        Kept(result).ShouldBe(["y", "w", "v"]);
    }

    [Fact]
    public void Evaluate_RulesGivenOutOfOrder_AppliedByPriority()
    {
        var inOrder = Evaluate(Rules(Prefixes(1, "[\"prod\"]"), Any(2)), Image("a", 1, "prod1"), Image("b", 2, "prod2"), Image("c", 3));
        var reversed = Evaluate(Rules(Any(2), Prefixes(1, "[\"prod\"]")), Image("a", 1, "prod1"), Image("b", 2, "prod2"), Image("c", 3));

        reversed.ShouldBe(inOrder);
        Expired(reversed).ShouldBe(["a@1"]);
    }

    [Fact]
    public void Evaluate_TagPrefixList_EveryPrefixMustMatchSomeTag()
    {
        // prefixes ["prod","v1"]: p1 and p3 have both; p2 has only prod; p4 only v1.
        var result = Evaluate(
            Rules(Prefixes(1, "[\"prod\",\"v1\"]")),
            Image("p1", 1, "prod-a", "v1.2"), Image("p2", 2, "prod-b"), Image("p3", 3, "v1.0", "production"), Image("p4", 4, "v1.9"));

        Expired(result).ShouldBe(["p1@1"]);
        Kept(result).ShouldBe(["p2", "p3", "p4"]);
    }

    [Fact]
    public void Evaluate_TagPatternList_EveryPatternMustMatchSomeTag()
    {
        // patterns ["prod*","*-rc*"]: q1, q3 and q4 match both; q2 lacks an -rc tag; q5 lacks a prod* tag.
        var result = Evaluate(
            Rules(Rule(1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod*\",\"*-rc*\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1}")),
            Image("q1", 1, "prod", "v1-rc1"), Image("q2", 2, "production"), Image("q3", 3, "prod-team1-rc2"),
            Image("q4", 4, "x-rc", "prod1"), Image("q5", 5, "v2-rc1"));

        Expired(result).ShouldBe(["q1@1", "q3@1"]);
        Kept(result).ShouldBe(["q2", "q4", "q5"]);
    }

    [Theory]
    [InlineData("prod*", "prod", true)]
    [InlineData("prod*", "prod1", true)]
    [InlineData("prod*", "production-team1", true)]
    [InlineData("prod*", "pro", false)]
    [InlineData("prod*", "xprod", false)]
    [InlineData("*prod*", "repo-production", true)]
    [InlineData("*prod*", "prod-team", true)]
    [InlineData("*prod*", "pr-od", false)]
    [InlineData("prod", "prod", true)]
    [InlineData("prod", "prod1", false)]
    [InlineData("Prod*", "prod", false)]
    [InlineData("*", "anything", true)]
    [InlineData("v*.*.*", "v1.2.3", true)]
    [InlineData("v*.*.*", "v1.2", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("*test*1*2*3", "my-test-1-2-3", true)]
    [InlineData("*test*1*2*3", "my-test-3-2-1", false)]
    public void WildcardPattern_DocumentedExamples(string pattern, string tag, bool expected) =>
        new WildcardPattern(pattern).IsMatch(tag).ShouldBe(expected);

    [Fact]
    public void Evaluate_PrefixIsNotAPattern_StarIsLiteralInPrefixes()
    {
        var result = Evaluate(Rules(Prefixes(1, "[\"prod*\"]")), Image("a", 1, "prod1"), Image("b", 2, "prod*x"), Image("c", 3, "prod*y"));

        Expired(result).ShouldBe(["b@1"]);
    }

    [Fact]
    public void Evaluate_SinceImagePushed_ExpiresOnlyImagesOlderThanCountNumberDays()
    {
        var policy = Rules(Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30}"));

        var result = Evaluate(
            policy,
            Image("old", 69.999), new LifecycleImage("sha256:edge", [], _now.AddDays(-30)), Image("new", 99, "t"));

        Expired(result).ShouldBe(["old@1"]);
        Kept(result).ShouldBe(["edge", "new"]);
    }

    [Fact]
    public void Evaluate_CountBeforeAge_CountRuleProtectsItsImagesFromTheAgeRule()
    {
        // Rule 1 keeps the 2 newest release images and expires the third; rule 2 (any, 10 days) may only expire
        // images rule 1 did not select, so the 90-day-old release r2 stays while the untagged u goes.
        var result = Evaluate(
            Rules(Prefixes(1, "[\"release\"]", 2), Rule(2, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":10}")),
            Image("r1", 5, "release-1"), Image("r2", 10, "release-2"), Image("r3", 98, "release-3"), Image("u", 20), Image("f", 95, "feature"));

        Expired(result).ShouldBe(["r1@1", "u@2"]);
        Kept(result).ShouldBe(["r2", "f", "r3"]);
    }

    [Fact]
    public void Evaluate_EqualPushTimes_SmallerDigestCountsAsNewerWhateverTheInputOrder()
    {
        var policy = LifecyclePolicy.Parse(Rules(Any(1, 2)));
        LifecycleImage[] images = [Image("b", 5), Image("a", 5), Image("c", 5), Image("d", 1)];

        var forward = LifecycleEvaluator.Evaluate(policy, images, _now);
        var backward = LifecycleEvaluator.Evaluate(policy, images.Reverse(), _now);

        Expired(forward).ShouldBe(["d@1", "c@1"]);
        Kept(forward).ShouldBe(["a", "b"]);
        Expired(backward).ShouldBe(Expired(forward));
        Kept(backward).ShouldBe(Kept(forward));
    }

    [Fact]
    public void Evaluate_AnyRuleLast_ActsOnlyOnImagesNoOtherRuleSelected()
    {
        var result = Evaluate(
            Rules(Untagged(1, 1), Prefixes(2, "[\"v\"]", 1), Any(3, 1)),
            Image("u1", 1), Image("u2", 2), Image("v1", 3, "v1"), Image("v2", 4, "v2"), Image("o1", 5, "other"), Image("o2", 6, "other2"));

        // any counts newest first: o2 kept, everything else beyond 1; only o1 is not protected by rules 1-2.
        Expired(result).ShouldBe(["u1@1", "v1@2", "o1@3"]);
        Kept(result).ShouldBe(["u2", "v2", "o2"]);
    }

    [Fact]
    public void Evaluate_StorageClasses_RulesOnlySeeTheirClassAndTransitionsAreReported()
    {
        var policy = Rules(
            Rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":30}",
                "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}"),
            Rule(2, "{\"tagStatus\":\"any\",\"storageClass\":\"archive\",\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90}"));
        LifecycleImage[] images =
        [
            new("sha256:pulled-recently", [], _day0, LastPulledAt: _now.AddDays(-1)),
            new("sha256:never-pulled", ["x"], _day0.AddDays(10)),
            new("sha256:archived-long-ago", [], _day0, StorageClass: StorageClass.Archive, TransitionedAt: _now.AddDays(-91)),
            new("sha256:archived-recently", [], _day0, StorageClass: StorageClass.Archive, TransitionedAt: _now.AddDays(-5)),
        ];

        var result = LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policy), images, _now);

        result.Transition.Select(t => (t.Image.Digest, t.AppliedRulePriority, t.TargetStorageClass))
            .ShouldBe([("sha256:never-pulled", 1, StorageClass.Archive)]);
        Expired(result).ShouldBe(["archived-long-ago@2"]);
        Kept(result).ShouldBe(["archived-recently", "pulled-recently"]);
    }

    [Fact]
    public void Evaluate_EveryImageAppearsExactlyOnce()
    {
        var images = Enumerable.Range(0, 200).Select(i => Image($"{i:D4}", i % 37, i % 3 == 0 ? [] : [$"v{i % 5}-{i}"])).ToArray();

        var result = Evaluate(Rules(Untagged(1, 3), Prefixes(2, "[\"v1\"]", 4), Any(3, 20)), images);

        result.Expire.Select(e => e.Image).Concat(result.Keep).Select(i => i.Digest).Order()
            .ShouldBe(images.Select(i => i.Digest).Order());
        result.Keep.Select(i => i.PushedAt).ShouldBeInOrder(SortDirection.Ascending);
        result.Expire.Select(e => e.Image.PushedAt).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Evaluate_DuplicateDigest_Throws()
    {
        Should.Throw<ArgumentException>(() => Evaluate(Rules(Untagged(1)), Image("a", 1), Image("a", 2)))
            .Message.ShouldContain("sha256:a");
    }
}
