using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcrAutomation.Eks;

/// <summary>
/// One entry of the <c>aws-auth</c> ConfigMap's <c>mapRoles</c> or <c>mapUsers</c>, and the YAML list pulumi-eks writes
/// for them (js-yaml's block style: <c>- rolearn: …</c>, two-space indents, groups as a nested list).
/// </summary>
/// <param name="ArnKey"><c>rolearn</c> or <c>userarn</c>.</param>
/// <param name="Arn">The IAM role or user.</param>
/// <param name="Username">The Kubernetes user name.</param>
/// <param name="Groups">The Kubernetes groups.</param>
internal sealed partial record AwsAuthMapping(string ArnKey, string Arn, string Username, IReadOnlyList<string> Groups)
{
    /// <summary>The mapping pulumi-eks adds for each instance role, so nodes can join the cluster.</summary>
    public static AwsAuthMapping ForInstanceRole(string roleArn) =>
        new("rolearn", roleArn, "system:node:{{EC2PrivateDNSName}}", ["system:bootstrappers", "system:nodes"]);

    /// <summary>The mappings as a YAML list (empty list: <c>[]</c>).</summary>
    public static string ToYaml(IEnumerable<AwsAuthMapping> mappings)
    {
        var yaml = new StringBuilder();
        foreach (var m in mappings)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"- {m.ArnKey}: {Scalar(m.Arn)}\n  username: {Scalar(m.Username)}\n");
            if (m.Groups.Count == 0) yaml.Append("  groups: []\n");
            else
            {
                yaml.Append("  groups:\n");
                foreach (var g in m.Groups) yaml.Append(CultureInfo.InvariantCulture, $"    - {Scalar(g)}\n");
            }
        }
        return yaml.Length == 0 ? "[]\n" : yaml.ToString();
    }

    /// <summary>A plain scalar when YAML reads it back as the same string, else a double-quoted (JSON-escaped) one.</summary>
    private static string Scalar(string value) =>
        PlainSafe().IsMatch(value) && !NotAString().IsMatch(value) ? value : JsonSerializer.Serialize(value);

    /// <summary>Starts with a letter, digit, slash or dot, and has no <c>": "</c>, <c>" #"</c>, trailing colon or space, or control characters.</summary>
    [GeneratedRegex(@"^(?!.*: )(?!.* #)(?!.*:$)(?!.* $)[A-Za-z0-9/.][\x20-\x7E]*$")]
    private static partial Regex PlainSafe();

    /// <summary>Plain scalars YAML would read as booleans, nulls or numbers.</summary>
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$")]
    private static partial Regex NotAString();
}
