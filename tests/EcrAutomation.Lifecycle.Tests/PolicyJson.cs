namespace EcrAutomation.Lifecycle.Tests;

/// <summary>Builds policy text for tests.</summary>
internal static class PolicyJson
{
    public const string Prefix = LifecyclePolicyValidationException.AwsMessagePrefix;

    public static string Rules(params string[] rules) => "{\"rules\":[" + string.Join(",", rules) + "]}";

    public static string Rule(int priority, string selection, string action = "{\"type\":\"expire\"}") =>
        $"{{\"rulePriority\":{priority},\"selection\":{selection},\"action\":{action}}}";

    public static string Untagged(int priority, int keep = 1) =>
        Rule(priority, $"{{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":{keep}}}");

    public static string Any(int priority, int keep = 1) =>
        Rule(priority, $"{{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":{keep}}}");

    public static string Prefixes(int priority, string prefixes, int keep = 1) =>
        Rule(priority, $"{{\"tagStatus\":\"tagged\",\"tagPrefixList\":{prefixes},\"countType\":\"imageCountMoreThan\",\"countNumber\":{keep}}}");
}
