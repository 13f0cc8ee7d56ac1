using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Eks.Tests;

/// <summary>
/// A cluster whose first <c>up</c> fails part way: once the control plane exists, every AWS call fails (server errors,
/// throttling and lost responses, whose requests still take effect). The next <c>up</c> finishes the cluster, adopting
/// what the failed run made, so the cloud holds exactly one of each resource and the state lists exactly what exists.
/// </summary>
public sealed class ClusterRecoveryTests : IAsyncLifetime
{
    private const string Name = "eks-cluster";
    private readonly EksCloud _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    [Fact(Timeout = 900_000)]
    public async Task FaultsAfterTheClusterIsCreated_FailTheUp_ThenTheNextUpCompletesItWithoutDuplicates()
    {
        var injectFaults = true;
        var program = PulumiFn.Create(() =>
        {
            var cluster = new Cluster(Name);
            // Runs as soon as the control plane is created: from then on, every AWS call of this run fails.
            _ = cluster.EksCluster.Name.Apply(name =>
            {
                if (injectFaults) _cloud.Proxy.FaultRate = 1;
                return name;
            });
            return new Dictionary<string, object?> { ["clusterName"] = cluster.EksCluster.Name, ["kubeconfigJson"] = cluster.KubeconfigJson };
        });
        // No client retries, so a fault fails the call it hits (the providers' own adoption retries still run).
        var stack = await _cloud.EksStackAsync("dev", program, new Dictionary<string, string> { ["aws:maxRetries"] = "0" });

        await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        _cloud.Proxy.Injected.Values.Sum().ShouldBeGreaterThan(0);
        var afterFailure = await StackState.ReadAsync(stack);
        afterFailure.ShouldContain(r => r.Type == "aws:eks/cluster:Cluster", "the cluster was created before the faults and is recorded");
        afterFailure.ShouldNotContain(r => r.Type == "aws:eks/nodeGroup:NodeGroup", "the run failed before the node group");

        injectFaults = false;
        _cloud.Proxy.FaultRate = 0;
        var recovered = await stack.UpAsync();
        recovered.Summary.Result.ShouldBe(UpdateState.Succeeded);
        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "the recovered stack is complete");

        // Exactly one of everything, and exactly what the state lists.
        var state = await StackState.ReadAsync(stack);
        state.Select(r => (r.Type, r.Name, r.ParentType)).Where(r => r.Type is not ("pulumi:pulumi:Stack" or "pulumi:providers:aws"))
            .ShouldBe(ClusterLifecycleTests.ExpectedChildren, ignoreOrder: true);
        var inventory = await EksInventory.ReadAsync(_cloud);
        var clusterName = (string)recovered.Outputs["clusterName"].Value!;
        inventory.Where(i => i.StartsWith("eks-cluster ", StringComparison.Ordinal)).ShouldBe([$"eks-cluster {clusterName}"]);
        inventory.Count(i => i.StartsWith("eks-nodegroup ", StringComparison.Ordinal)).ShouldBe(1);
        inventory.Where(i => i.StartsWith("eks-addon ", StringComparison.Ordinal)).ShouldBe(
            [$"eks-addon {clusterName}/coredns", $"eks-addon {clusterName}/kube-proxy", $"eks-addon {clusterName}/vpc-cni"], ignoreOrder: true);
        inventory.Where(i => i.StartsWith("iam-role ", StringComparison.Ordinal)).Select(i => i["iam-role ".Length..])
            .ShouldBe([Id(state, "aws:iam/role:Role", $"{Name}-eksRole-role"), Id(state, "aws:iam/role:Role", $"{Name}-instanceRole-role")], ignoreOrder: true);
        inventory.Count(i => i.StartsWith("iam-role-policy ", StringComparison.Ordinal)).ShouldBe(4);
        inventory.Where(i => i.StartsWith("iam-instance-profile ", StringComparison.Ordinal))
            .ShouldBe([$"iam-instance-profile {Id(state, "aws:iam/instanceProfile:InstanceProfile", $"{Name}-instanceProfile")} [{Id(state, "aws:iam/role:Role", $"{Name}-instanceRole-role")}]"]);
        var clusterGroup = Id(state, "aws:ec2/securityGroup:SecurityGroup", $"{Name}-eksClusterSecurityGroup");
        var nodeGroup = Id(state, "aws:ec2/securityGroup:SecurityGroup", $"{Name}-nodeSecurityGroup");
        inventory.Where(i => i.StartsWith("security-group ", StringComparison.Ordinal)).Select(i => i.Split(' ')[1]).ShouldBe([clusterGroup, nodeGroup], ignoreOrder: true);
        inventory.Where(i => i.StartsWith("ingress ", StringComparison.Ordinal) || i.StartsWith("egress ", StringComparison.Ordinal)).ShouldBe(
        [
            $"egress {clusterGroup} -1 0-0 0.0.0.0/0 ",
            $"ingress {clusterGroup} tcp 443-443  {nodeGroup}",
            $"egress {nodeGroup} -1 0-0 0.0.0.0/0 ",
            $"ingress {nodeGroup} -1 0-0  {nodeGroup}",
            $"ingress {nodeGroup} tcp 1025-65535  {clusterGroup}",
            $"ingress {nodeGroup} tcp 443-443  {clusterGroup}",
        ], ignoreOrder: true);

        // The recovered cluster works: kubectl sees both nodes through the exported kubeconfig.
        var kubeconfigFile = Path.Combine(_cloud.Root, "kubeconfig.json");
        await File.WriteAllTextAsync(kubeconfigFile, (string)recovered.Outputs["kubeconfigJson"].Value!);
        JsonDocument.Parse(await ClusterLifecycleTests.KubectlAsync(kubeconfigFile, "get", "nodes", "-o", "json")).RootElement.GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    private static string Id(IReadOnlyList<StateResource> state, string type, string name) => state.Single(r => r.Type == type && r.Name == name).Id!;
}
