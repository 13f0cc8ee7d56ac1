using System.Text.Json;

namespace EcrAutomation.Eks.Tests;

/// <summary>
/// What exists in a local cloud of the kinds the cluster component makes, as <c>"&lt;kind&gt; &lt;id&gt;"</c> lines, read with
/// the AWS CLI (so the check does not share code with the providers): EKS clusters with their node groups and addons,
/// IAM roles with their attached policies, instance profiles with their roles, and security groups other than the
/// default ones with their rules.
/// </summary>
public static class EksInventory
{
    public static async Task<List<string>> ReadAsync(EksCloud cloud)
    {
        var found = new List<string>();
        foreach (var cluster in Strings(await cloud.AwsCliAsync("eks", "list-clusters"), "clusters"))
        {
            found.Add($"eks-cluster {cluster}");
            found.AddRange(Strings(await cloud.AwsCliAsync("eks", "list-nodegroups", "--cluster-name", cluster), "nodegroups").Select(n => $"eks-nodegroup {cluster}/{n}"));
            found.AddRange(Strings(await cloud.AwsCliAsync("eks", "list-addons", "--cluster-name", cluster), "addons").Select(a => $"eks-addon {cluster}/{a}"));
        }
        foreach (var role in Array(await cloud.AwsCliAsync("iam", "list-roles"), "Roles").Select(r => r.GetProperty("RoleName").GetString()!))
        {
            found.Add($"iam-role {role}");
            found.AddRange(Array(await cloud.AwsCliAsync("iam", "list-attached-role-policies", "--role-name", role), "AttachedPolicies")
                .Select(p => $"iam-role-policy {role}/{p.GetProperty("PolicyArn").GetString()}"));
        }
        foreach (var profile in Array(await cloud.AwsCliAsync("iam", "list-instance-profiles"), "InstanceProfiles"))
            found.Add($"iam-instance-profile {profile.GetProperty("InstanceProfileName").GetString()} [{string.Join(",", profile.GetProperty("Roles").EnumerateArray().Select(r => r.GetProperty("RoleName").GetString()))}]");
        foreach (var group in Array(await cloud.AwsCliAsync("ec2", "describe-security-groups"), "SecurityGroups").Where(g => g.GetProperty("GroupName").GetString() != "default"))
        {
            var id = group.GetProperty("GroupId").GetString();
            found.Add($"security-group {id} {group.GetProperty("GroupName").GetString()}");
            found.AddRange(Rules(group, "IpPermissions").Select(r => $"ingress {id} {r}"));
            found.AddRange(Rules(group, "IpPermissionsEgress").Select(r => $"egress {id} {r}"));
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Each permission as <c>protocol from-to cidrs groups</c>.</summary>
    private static IEnumerable<string> Rules(JsonElement group, string key) => group.GetProperty(key).EnumerateArray().Select(p =>
        $"{p.GetProperty("IpProtocol").GetString()} {(p.TryGetProperty("FromPort", out var f) ? f.GetInt32() : 0)}-{(p.TryGetProperty("ToPort", out var t) ? t.GetInt32() : 0)} " +
        string.Join(",", p.GetProperty("IpRanges").EnumerateArray().Select(r => r.GetProperty("CidrIp").GetString())) + " " +
        string.Join(",", p.GetProperty("UserIdGroupPairs").EnumerateArray().Select(r => r.GetProperty("GroupId").GetString())));

    private static IEnumerable<string> Strings(string json, string key) => Array(json, key).Select(e => e.GetString()!);

    private static List<JsonElement> Array(string json, string key) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty(key).EnumerateArray().Select(e => e.Clone())];
}
