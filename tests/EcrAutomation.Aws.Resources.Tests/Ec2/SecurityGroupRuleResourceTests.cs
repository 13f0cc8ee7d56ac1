using EcrAutomation.Automation;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Aws.Resources.Tests.Ec2;

/// <summary>
/// Separate security group rules as pulumi-eks makes them (a cluster and a node group whose rules reference each other, the
/// groups without inline rules): deploy, no fight between group and rules, replace and in-place changes, refresh of a rule
/// revoked outside the program, import and destroy, against moto's EC2.
/// </summary>
[Collection(EcsCollection.Name)]
public sealed class SecurityGroupRuleResourceTests(EcsCloudFixture cloud)
{
    private static PulumiFn Program(int nodeFromPort, string egressDescription) => PulumiFn.Create(() =>
    {
        var clusterGroup = new SecurityGroup("cluster-sg", new SecurityGroupArgs { RevokeRulesOnDelete = true, Tags = new Dictionary<string, string> { ["Name"] = "cluster" } });
        var nodeGroup = new SecurityGroup("node-sg", new SecurityGroupArgs { RevokeRulesOnDelete = true });
        var egress = new SecurityGroupRule("cluster-egress", new SecurityGroupRuleArgs
        {
            Type = "egress", SecurityGroupId = clusterGroup.Id, Protocol = "-1", FromPort = 0, ToPort = 0, CidrBlocks = ["0.0.0.0/0"], Description = egressDescription,
        });
        new SecurityGroupRule("node-self", new SecurityGroupRuleArgs
        {
            Type = "ingress", SecurityGroupId = nodeGroup.Id, Protocol = "-1", FromPort = 0, ToPort = 0, Self = true,
        });
        new SecurityGroupRule("node-from-cluster", new SecurityGroupRuleArgs
        {
            Type = "ingress", SecurityGroupId = nodeGroup.Id, Protocol = "tcp", FromPort = nodeFromPort, ToPort = 65535, SourceSecurityGroupId = clusterGroup.Id,
        });
        var api = new SecurityGroupRule("cluster-from-nodes", new SecurityGroupRuleArgs
        {
            Type = "ingress", SecurityGroupId = clusterGroup.Id, Protocol = "tcp", FromPort = 443, ToPort = 443, SourceSecurityGroupId = nodeGroup.Id, Description = "api",
        });
        return new Dictionary<string, object?> { ["cluster"] = clusterGroup.Id, ["node"] = nodeGroup.Id, ["apiRule"] = api.Id, ["egressRule"] = egress.Id };
    });

    private async Task<Ec2SecurityGroup> GroupAsync(UpResult up, string key) => (await cloud.Aws.Ec2.FindSecurityGroupAsync((string)up.Outputs[key].Value!))!;

    [Fact(Timeout = 300_000)]
    public async Task ClusterAndNodeRules_Deploy_NoFight_ReplaceAndDescribeInPlace_RefreshFindsRevoked_Destroy()
    {
        var stack = await cloud.StackAsync("sg-rules", Program(1025, "internet"));
        var up = await stack.UpAsync();
        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(7, "the stack, two groups, four rules");
        var (clusterId, nodeId) = ((string)up.Outputs["cluster"].Value!, (string)up.Outputs["node"].Value!);
        ((string)up.Outputs["apiRule"].Value!).ShouldMatch("^sgrule-[0-9]+$");
        var cluster = await GroupAsync(up, "cluster");
        cluster.IpPermissionsEgress.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.IpProtocol.ShouldBe("-1"), p => p.CidrIpv4.ShouldBe(["0.0.0.0/0"]), p => p.Description.ShouldBe("internet"));
        cluster.IpPermissions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(p => p.FromPort.ShouldBe(443), p => p.SourceSecurityGroupIds.ShouldBe([nodeId]));
        var node = await GroupAsync(up, "node");
        node.IpPermissions.ShouldContain(p => p.IpProtocol == "-1" && p.SourceSecurityGroupIds.Contains(nodeId), "self");
        node.IpPermissions.ShouldContain(p => p.FromPort == 1025 && p.SourceSecurityGroupIds.Contains(clusterId));
        node.IpPermissionsEgress.ShouldBeEmpty("as pulumi-aws, a new group's allow-all egress rule is removed");

        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "groups without inline rules leave the rule resources alone");
        var log = new EventLog();
        var refresh = await stack.RefreshAsync(new RefreshOptions { OnEvent = log.Handler });
        refresh.Summary.ResourceChanges!.GetValueOrDefault(OperationType.Update).ShouldBe(0, string.Join("; ", log.Events.OfType<Events.ResourceOutputsEvent>()
            .Where(e => e.Metadata.Old?.Inputs != e.Metadata.New?.Inputs).Select(e => $"{e.Metadata.Urn}: {System.Text.Json.JsonSerializer.Serialize(e.Metadata.Old?.Inputs)} -> {System.Text.Json.JsonSerializer.Serialize(e.Metadata.New?.Inputs)}")));
        (await stack.PreviewAsync()).ChangeSummary.Keys.ShouldBe([OperationType.Same], "no perpetual diff after refresh");

        var changed = await stack.UpAsync(new UpOptions { Program = Program(1024, "internet access") });
        changed.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1, "a port change replaces the rule");
        changed.Summary.ResourceChanges[OperationType.Update].ShouldBe(1, "a description change is in place");
        ((string)changed.Outputs["egressRule"].Value!).ShouldBe((string)up.Outputs["egressRule"].Value!, "the id derives from the rule, not its description");
        node = await GroupAsync(up, "node");
        node.IpPermissions.ShouldContain(p => p.FromPort == 1024 && p.SourceSecurityGroupIds.Contains(clusterId));
        node.IpPermissions.ShouldNotContain(p => p.FromPort == 1025);
        (await GroupAsync(up, "cluster")).IpPermissionsEgress.Single().Description.ShouldBe("internet access");

        await cloud.Aws.Ec2.RevokeSecurityGroupIngressAsync(clusterId, [new Ec2IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, SourceSecurityGroupIds = [nodeId], Description = "api" }]);
        var drift = await stack.RefreshAsync();
        drift.Summary.ResourceChanges![OperationType.Delete].ShouldBe(1, "the rule revoked outside the program is gone from state");
        var repaired = await stack.UpAsync(new UpOptions { Program = Program(1024, "internet access") });
        repaired.Summary.ResourceChanges![OperationType.Create].ShouldBe(1);
        (await GroupAsync(up, "cluster")).IpPermissions.ShouldHaveSingleItem().FromPort.ShouldBe(443);

        await stack.DestroyAsync();
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(clusterId)).ShouldBeNull();
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(nodeId)).ShouldBeNull();
    }

    [Fact(Timeout = 180_000)]
    public async Task Rule_AlreadyOnTheGroup_IsRefusedWithTheFix_AndImportByPulumiAwsIdAdoptsIt()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!;
        var groupId = await cloud.Aws.Ec2.CreateSecurityGroupAsync("existing-" + Guid.NewGuid().ToString("N")[..8], "existing", vpc.VpcId);
        await cloud.Aws.Ec2.AuthorizeSecurityGroupIngressAsync(groupId, [new Ec2IpPermission { IpProtocol = "tcp", FromPort = 8443, ToPort = 8443, CidrIpv4 = ["10.0.0.0/8"] }]);
        PulumiFn Program(CustomResourceOptions? options) => PulumiFn.Create(() =>
        {
            new SecurityGroupRule("https", new SecurityGroupRuleArgs
            {
                Type = "ingress", SecurityGroupId = groupId, Protocol = "tcp", FromPort = 8443, ToPort = 8443, CidrBlocks = ["10.0.0.0/8"],
            }, options);
        });

        var stack = await cloud.StackAsync("sg-rule-duplicate", Program(null));
        var duplicate = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        duplicate.Message.ShouldContain($"security group {groupId} already has this ingress rule (tcp 8443-8443 10.0.0.0/8)");
        duplicate.Message.ShouldContain("or import the rule");

        var imported = await stack.UpAsync(new UpOptions { Program = Program(new CustomResourceOptions { ImportId = $"{groupId}_ingress_tcp_8443_8443_10.0.0.0/8" }) });
        imported.Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        (await stack.UpAsync(new UpOptions { Program = Program(null) })).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        await stack.DestroyAsync();
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(groupId))!.IpPermissions.ShouldBeEmpty("destroy revoked the imported rule");
        await cloud.Aws.Ec2.DeleteSecurityGroupAsync(groupId);
    }
}
