using System.Text.Json;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>Ready-made ECR policy documents.</summary>
public static class EcrPolicies
{
    /// <summary>The four actions a container runtime needs to pull from ECR.</summary>
    public static readonly IReadOnlyList<string> PullActions =
        ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:GetAuthorizationToken"];

    /// <summary>A repository policy letting <paramref name="principalArns"/> (default: the whole account) pull images.</summary>
    public static string PullAccess(params string[] principalArns)
    {
        var principal = principalArns.Length == 0 ? (object)"*" : new Dictionary<string, object> { ["AWS"] = principalArns };
        return RepositoryPolicyProvider.Normalize(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new[]
            {
                new Dictionary<string, object> { ["Sid"] = "AllowPull", ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = PullActions },
            },
        }));
    }
}
