using System.Text.Json;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// What exists in a cloud of the kinds the ECS program creates, as <c>"&lt;type&gt; &lt;id&gt;"</c> lines in the engine's
/// types and ids, so a test can compare the cloud with a stack's state: anything in the cloud that no state lists is an
/// orphan, anything listed twice a duplicate. Read with the AWS clients (every page, ACTIVE resources only).
/// </summary>
public static class CloudInventory
{
    /// <summary>The resource types the inventory covers.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:ec2/securityGroup:SecurityGroup",
        "aws:cloudwatch/logGroup:LogGroup", "aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:lb/listener:Listener",
        "aws:ecs/cluster:Cluster", "aws:ecs/service:Service", "aws:ecs/taskDefinition:TaskDefinition",
        "aws:ecr/repository:Repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    };

    /// <summary>Everything in the cloud of the covered types.</summary>
    public static async Task<List<string>> ReadAsync(AwsConnection aws)
    {
        var found = new List<string>();
        await foreach (var role in aws.Iam.ListAllRolesAsync())
        {
            found.Add($"aws:iam/role:Role {role.RoleName}");
            await foreach (var policy in aws.Iam.ListAllAttachedRolePoliciesAsync(role.RoleName!))
                found.Add($"aws:iam/rolePolicyAttachment:RolePolicyAttachment {role.RoleName}/{policy.PolicyArn}");
        }
        found.AddRange((await aws.Ec2.DescribeSecurityGroupsAsync()).Where(g => g.GroupName != "default").Select(g => $"aws:ec2/securityGroup:SecurityGroup {g.GroupId}"));
        await foreach (var group in aws.Logs.DescribeAllLogGroupsAsync()) found.Add($"aws:cloudwatch/logGroup:LogGroup {group.LogGroupName}");
        await foreach (var lb in aws.Elb.DescribeAllLoadBalancersAsync())
        {
            found.Add($"aws:lb/loadBalancer:LoadBalancer {lb.LoadBalancerArn}");
            await foreach (var listener in aws.Elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = lb.LoadBalancerArn }))
                found.Add($"aws:lb/listener:Listener {listener.ListenerArn}");
        }
        await foreach (var tg in aws.Elb.DescribeAllTargetGroupsAsync()) found.Add($"aws:lb/targetGroup:TargetGroup {tg.TargetGroupArn}");
        await foreach (var clusterArn in aws.Ecs.ListAllClustersAsync())
        {
            var cluster = (await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [clusterArn] })).Clusters.SingleOrDefault();
            if (cluster?.Status != "ACTIVE") continue; // moto keeps deleted clusters in the list
            found.Add($"aws:ecs/cluster:Cluster {cluster.ClusterArn}");
            await foreach (var serviceArn in aws.Ecs.ListAllServicesAsync(clusterArn))
                if ((await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = clusterArn, Services = [serviceArn] })).Services.Any(s => s.Status == "ACTIVE"))
                    found.Add($"aws:ecs/service:Service {serviceArn}");
        }
        await foreach (var arn in aws.Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { Status = "ACTIVE" })) found.Add($"aws:ecs/taskDefinition:TaskDefinition {arn}");
        await foreach (var repository in aws.Ecr.DescribeAllRepositoriesAsync())
        {
            found.Add($"aws:ecr/repository:Repository {repository.RepositoryName}");
            try
            {
                await aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = repository.RepositoryName! });
                found.Add($"aws:ecr/lifecyclePolicy:LifecyclePolicy {repository.RepositoryName}");
            }
            catch (AwsServiceException e) when (e.ErrorCode == EcrErrorCodes.LifecyclePolicyNotFound) { }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>The resources of the covered types that a stack export (<c>{version, deployment}</c> or a bare deployment) lists.</summary>
    public static List<string> FromExport(string exportJson)
    {
        using var document = JsonDocument.Parse(exportJson);
        var deployment = document.RootElement.TryGetProperty("deployment", out var d) ? d : document.RootElement;
        var listed = !deployment.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Array
            ? []
            : resources.EnumerateArray()
                .Where(r => Types.Contains(r.GetProperty("type").GetString()!))
                .Select(r => $"{r.GetProperty("type").GetString()} {(r.TryGetProperty("id", out var id) ? id.GetString() : "<no id>")}")
                .ToList();
        listed.Sort(StringComparer.Ordinal);
        return listed;
    }
}
