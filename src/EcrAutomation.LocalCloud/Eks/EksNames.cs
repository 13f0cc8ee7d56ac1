using System.Text.RegularExpressions;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>EKS's name rules, with the messages its API gives for a name that breaks them.</summary>
internal static partial class EksNames
{
    public static void ValidateCluster(string? name) => Validate(name, "name", 100);

    public static void ValidateNodegroup(string? name) => Validate(name, "nodegroupName", 63);

    private static void Validate(string? name, string member, int maxLength)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw EksException.InvalidParameter($"{member} must not be empty.");
        }

        if (name.Length > maxLength || !Pattern().IsMatch(name))
        {
            throw EksException.InvalidParameter(
                $"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*$ and have length less than or equal to {maxLength}");
        }
    }

    [GeneratedRegex(@"^[0-9A-Za-z][A-Za-z0-9\-_]*$")]
    private static partial Regex Pattern();
}
