using EcrAutomation.Automation;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Resources.CloudWatch;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Providers;
using Role = EcrAutomation.Aws.Resources.Iam.Role;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>A local cloud with moto, reached through a fault-injecting proxy (no random faults; tests queue their own).</summary>
public sealed class ProxiedCloudFixture() : LocalCloudWorkspace("adoption-tests", startMoto: true)
{
    public FaultInjectingProxy Proxy { get; private set; } = null!;

    /// <summary>Stack config for providers and stacks that reach the cloud through the proxy.</summary>
    public IReadOnlyDictionary<string, string> ProxiedConfig => new Dictionary<string, string>(AwsConfig) { ["aws:endpoint"] = Proxy.Endpoint.ToString() };

    public override async Task InitializeAsync()
    {
        ProviderOptions = new global::EcrAutomation.Aws.Resources.AwsProviderOptions { ServicePollInterval = TimeSpan.FromMilliseconds(200) };
        await base.InitializeAsync();
        Proxy = await FaultInjectingProxy.StartAsync(Cloud.Endpoint);
    }

    public override async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Every provider that creates something adopts its own earlier attempt — a create whose response was lost (the request
/// took effect, the client saw a 500) or that an interrupted update left unrecorded — and never someone else's resource.
/// Real provider calls against moto through a proxy that loses exactly the responses a test asks it to.
/// </summary>
public sealed class CreateAdoptionTests(ProxiedCloudFixture cloud) : IClassFixture<ProxiedCloudFixture>
{
    private static readonly string Trust = Role.TrustPolicyFor("ecs-tasks.amazonaws.com");

    private async Task<(IResourceProvider Provider, CreateRequest Request)> CheckedAsync(IResourceProvider provider, string type, string name, PropertyMap inputs)
    {
        var check = await provider.CheckAsync(new CheckRequest($"urn:pulumi:adopt::test::{type}::{name}", type, name, null, inputs, Guid.NewGuid().ToByteArray()) { Config = cloud.ProxiedConfig });
        check.Failures.ShouldBeEmpty();
        return (provider, new CreateRequest($"urn:pulumi:adopt::test::{type}::{name}", type, name, check.Inputs, null) { Config = cloud.ProxiedConfig });
    }

    private static FindRequest Find(CreateRequest create, PropertyMap? inputs = null) =>
        new(create.Urn, create.Type, create.Name, inputs ?? create.Inputs) { Config = create.Config };

    /// <summary>Loses the response of the create call, creates, and checks the provider returned what the lost call made.</summary>
    private async Task<CreateResponse> CreateWithLostResponseAsync(IResourceProvider provider, CreateRequest request, string operation)
    {
        cloud.Proxy.Inject(operation, InjectedFault.LostResponse);
        var created = await provider.CreateAsync(request);
        cloud.Proxy.InjectedInto(operation, InjectedFault.LostResponse).ShouldBeGreaterThan(0);
        return created;
    }

    private static PropertyValue Strings(params string[] items) => PropertyValue.Of(items.Select(PropertyValue.Of));

    [Fact(Timeout = 120_000)]
    public async Task Role_CreateResponseLost_AdoptsTheRole_AndInterruptedCreateIsFoundOnlyWithTheSameTrustPolicy()
    {
        var (provider, request) = await CheckedAsync(new RoleProvider(), RoleProvider.Type, "lost-role", PropertyMap.Empty
            .Set("assumeRolePolicy", PropertyValue.Of(Trust)).Set("tags", PropertyValue.Of(PropertyMap.Empty.Set("team", PropertyValue.Of("web")))));
        var created = await CreateWithLostResponseAsync(provider, request, "CreateRole");

        created.Id.ShouldBe(request.Inputs.GetString("name"));
        (await provider.FindInterruptedCreateAsync(Find(request)))!.Id.ShouldBe(created.Id);
        var otherTrust = request.Inputs.Set("assumeRolePolicy", PropertyValue.Of(RepositoryPolicyProvider.Normalize(Role.TrustPolicyFor("lambda.amazonaws.com"))));
        (await provider.FindInterruptedCreateAsync(Find(request, otherTrust))).ShouldBeNull();
        (await provider.FindInterruptedCreateAsync(Find(request, request.Inputs.Remove("tags")))).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task Role_NameTakenByAnotherRole_FailsNamingIt_AndLeavesItAlone()
    {
        await cloud.Aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "someone-elses-role", AssumeRolePolicyDocument = Role.TrustPolicyFor("lambda.amazonaws.com") });
        var (provider, request) = await CheckedAsync(new RoleProvider(), RoleProvider.Type, "taken",
            PropertyMap.Empty.Set("name", PropertyValue.Of("someone-elses-role")).Set("assumeRolePolicy", PropertyValue.Of(Trust)));

        var error = await Should.ThrowAsync<ResourceProviderException>(() => provider.CreateAsync(request));

        error.Message.ShouldContain("EntityAlreadyExists");
        error.Message.ShouldContain("left alone");
        (await provider.FindInterruptedCreateAsync(Find(request))).ShouldBeNull();
        (await cloud.Aws.Iam.GetRoleAsync("someone-elses-role")).AssumeRolePolicyDocument!.ShouldContain("lambda.amazonaws.com");
    }

    [Fact(Timeout = 120_000)]
    public async Task LogGroup_CreateResponseLost_AdoptsTheGroup()
    {
        var (provider, request) = await CheckedAsync(new LogGroupProvider(), LogGroupProvider.Type, "lost-logs", PropertyMap.Empty.Set("retentionInDays", PropertyValue.Of(7)));
        var created = await CreateWithLostResponseAsync(provider, request, "CreateLogGroup");

        (await cloud.Aws.Logs.FindLogGroupAsync(created.Id))!.RetentionInDays.ShouldBe(7);
        (await provider.FindInterruptedCreateAsync(Find(request)))!.Id.ShouldBe(created.Id);
    }

    [Fact(Timeout = 120_000)]
    public async Task SecurityGroup_CreateAndRuleResponsesLost_OneGroupWithExactlyTheDeclaredRules()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var rule = PropertyMap.Empty.Set("protocol", PropertyValue.Of("tcp")).Set("fromPort", PropertyValue.Of(80)).Set("toPort", PropertyValue.Of(80)).Set("cidrBlocks", Strings("0.0.0.0/0"));
        var (provider, request) = await CheckedAsync(new SecurityGroupProvider(), SecurityGroupProvider.Type, "lost-sg",
            PropertyMap.Empty.Set("vpcId", PropertyValue.Of(vpc)).Set("ingress", PropertyValue.Of([PropertyValue.Of(rule)])));
        cloud.Proxy.Inject("AuthorizeSecurityGroupIngress", InjectedFault.LostResponse);
        cloud.Proxy.Inject("RevokeSecurityGroupEgress", InjectedFault.LostResponse);

        var created = await CreateWithLostResponseAsync(provider, request, "CreateSecurityGroup");

        cloud.Proxy.InjectedInto("AuthorizeSecurityGroupIngress", InjectedFault.LostResponse).ShouldBe(1);
        var groups = await cloud.Aws.Ec2.DescribeSecurityGroupsAsync(vpcId: vpc, groupNames: [request.Inputs.GetString("name")!]);
        groups.Single().GroupId.ShouldBe(created.Id);
        groups[0].IpPermissions.Single().FromPort.ShouldBe(80);
        groups[0].IpPermissionsEgress.ShouldBeEmpty();
    }

    [Fact(Timeout = 120_000)]
    public async Task SecurityGroup_RulesFailAfterTheGroupExists_ThrowsPartialCreateWithTheIdAndTheRulesItHas()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var rule = PropertyMap.Empty.Set("protocol", PropertyValue.Of("tcp")).Set("fromPort", PropertyValue.Of(443)).Set("toPort", PropertyValue.Of(443)).Set("cidrBlocks", Strings("10.0.0.0/8"));
        var (provider, request) = await CheckedAsync(new SecurityGroupProvider(), SecurityGroupProvider.Type, "partial-sg",
            PropertyMap.Empty.Set("vpcId", PropertyValue.Of(vpc)).Set("ingress", PropertyValue.Of([PropertyValue.Of(rule)])));
        for (var i = 0; i < 12; i++) cloud.Proxy.Inject("AuthorizeSecurityGroupIngress", InjectedFault.ServerError);

        var partial = await Should.ThrowAsync<ResourceInitializationException>(() => provider.CreateAsync(request));

        partial.Id.ShouldStartWith("sg-");
        Props(partial.Inputs, "ingress").ShouldBeEmpty();
        // EC2's default allow-all egress rule is still there (it is replaced after the ingress rules): recorded, so the next update revokes it.
        Props(partial.Inputs, "egress").Single().AsMap.GetString("protocol").ShouldBe("-1");
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(partial.Id)).ShouldNotBeNull();
        var found = await provider.FindInterruptedCreateAsync(Find(request));
        found!.Id.ShouldBe(partial.Id);
        Props(found.Inputs!, "ingress").ShouldBeEmpty();
    }

    private static IReadOnlyList<PropertyValue> Props(PropertyMap map, string key) => map[key].AsList;

    [Fact(Timeout = 120_000)]
    public async Task LoadBalancerTargetGroupListener_CreateResponsesLost_ExactlyOneOfEach()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var subnets = (await cloud.Aws.Ec2.DescribeSubnetsAsync(vpc)).Select(s => s.SubnetId).Take(2).ToArray();
        var (lbProvider, lbRequest) = await CheckedAsync(new LoadBalancerProvider(), LoadBalancerProvider.Type, "lost-lb", PropertyMap.Empty.Set("subnets", Strings(subnets)));
        var lb = await CreateWithLostResponseAsync(lbProvider, lbRequest, "CreateLoadBalancer");
        var (tgProvider, tgRequest) = await CheckedAsync(new TargetGroupProvider(), TargetGroupProvider.Type, "lost-tg",
            PropertyMap.Empty.Set("port", PropertyValue.Of(80)).Set("protocol", PropertyValue.Of("HTTP")).Set("vpcId", PropertyValue.Of(vpc)).Set("targetType", PropertyValue.Of("ip")));
        var tg = await CreateWithLostResponseAsync(tgProvider, tgRequest, "CreateTargetGroup");
        var (listenerProvider, listenerRequest) = await CheckedAsync(new ListenerProvider(), ListenerProvider.Type, "lost-listener", PropertyMap.Empty
            .Set("loadBalancerArn", PropertyValue.Of(lb.Id)).Set("port", PropertyValue.Of(80))
            .Set("defaultActions", PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("type", PropertyValue.Of("forward")).Set("targetGroupArn", PropertyValue.Of(tg.Id)))])));
        var listener = await CreateWithLostResponseAsync(listenerProvider, listenerRequest, "CreateListener");

        var elb = cloud.Aws.Elb;
        (await elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest())).LoadBalancers.Where(l => l.LoadBalancerName == lbRequest.Inputs.GetString("name")).Select(l => l.LoadBalancerArn).ShouldBe([lb.Id]);
        (await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = [tgRequest.Inputs.GetString("name")!] })).TargetGroups.Select(t => t.TargetGroupArn).ShouldBe([tg.Id]);
        (await elb.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = lb.Id })).Listeners.Select(l => l.ListenerArn).ShouldBe([listener.Id]);
        (await listenerProvider.FindInterruptedCreateAsync(Find(listenerRequest)))!.Id.ShouldBe(listener.Id);
        (await tgProvider.FindInterruptedCreateAsync(Find(tgRequest, tgRequest.Inputs.Set("port", PropertyValue.Of(8080))))).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task TaskDefinition_RegisterResponseLost_LeavesExactlyOneActiveRevision()
    {
        var family = "lost-family-" + Guid.NewGuid().ToString("N")[..8];
        var (provider, request) = await CheckedAsync(new TaskDefinitionProvider(), TaskDefinitionProvider.Type, "lost-td", PropertyMap.Empty
            .Set("family", PropertyValue.Of(family))
            .Set("containerDefinitions", PropertyValue.Of("""[{"name":"web","image":"nginx:1.27","memory":128,"essential":true}]""")));

        var created = await CreateWithLostResponseAsync(provider, request, "RegisterTaskDefinition");

        (await ActiveRevisionsAsync(family)).ShouldBe([created.Id]);
        (await provider.FindInterruptedCreateAsync(Find(request)))!.Id.ShouldBe(created.Id);
        var otherImage = request.Inputs.Set("containerDefinitions", PropertyValue.Of("""[{"essential":true,"image":"nginx:1.28","memory":128,"name":"web"}]"""));
        (await provider.FindInterruptedCreateAsync(Find(request, otherImage))).ShouldBeNull();
    }

    private async Task<List<string>> ActiveRevisionsAsync(string family)
    {
        var arns = new List<string>();
        await foreach (var arn in cloud.Aws.Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE" })) arns.Add(arn);
        return arns;
    }

    [Fact(Timeout = 120_000)]
    public async Task ClusterAndRepository_CreateResponsesLost_AdoptedAndFound()
    {
        var (clusterProvider, clusterRequest) = await CheckedAsync(new ClusterProvider(), ClusterProvider.Type, "lost-cluster", PropertyMap.Empty);
        var cluster = await CreateWithLostResponseAsync(clusterProvider, clusterRequest, "CreateCluster");
        (await clusterProvider.FindInterruptedCreateAsync(Find(clusterRequest)))!.Id.ShouldBe(cluster.Id);

        var (repositoryProvider, repositoryRequest) = await CheckedAsync(new RepositoryProvider(), RepositoryProvider.Type, "lost-repo", PropertyMap.Empty);
        var repository = await CreateWithLostResponseAsync(repositoryProvider, repositoryRequest, "CreateRepository");
        repository.Id.ShouldBe(repositoryRequest.Inputs.GetString("name"));
        (await repositoryProvider.FindInterruptedCreateAsync(Find(repositoryRequest)))!.Id.ShouldBe(repository.Id);
        (await repositoryProvider.FindInterruptedCreateAsync(Find(repositoryRequest, repositoryRequest.Inputs.Set("imageTagMutability", PropertyValue.Of("IMMUTABLE"))))).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task InstanceProfile_CreateResponseLost_AdoptsTheProfile_AndInterruptedCreateIsFoundOnlyWithTheSamePathAndRole()
    {
        var role = "profile-role-" + Guid.NewGuid().ToString("N")[..8];
        await cloud.Aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = Role.TrustPolicyFor("ec2.amazonaws.com") });
        var (provider, request) = await CheckedAsync(new InstanceProfileProvider(), InstanceProfileProvider.Type, "lost-profile",
            PropertyMap.Empty.Set("role", PropertyValue.Of(role)).Set("path", PropertyValue.Of("/nodes/")));
        (await provider.FindInterruptedCreateAsync(Find(request))).ShouldBeNull("nothing was created yet");

        var created = await CreateWithLostResponseAsync(provider, request, "CreateInstanceProfile");

        created.Id.ShouldBe(request.Inputs.GetString("name"));
        (await cloud.Aws.Iam.GetInstanceProfileAsync(created.Id)).Roles.ShouldHaveSingleItem().RoleName.ShouldBe(role);
        (await provider.FindInterruptedCreateAsync(Find(request)))!.Id.ShouldBe(created.Id);
        (await provider.FindInterruptedCreateAsync(Find(request, request.Inputs.Set("path", PropertyValue.Of("/"))))).ShouldBeNull("another path is not ours");
        (await provider.FindInterruptedCreateAsync(Find(request, request.Inputs.Set("role", PropertyValue.Of("other-role"))))).ShouldBeNull("a profile holding another role is not ours");
    }

    [Fact(Timeout = 120_000)]
    public async Task SecurityGroupRule_AuthorizeResponseLost_AdoptsTheRule_AndIsFoundAsAnInterruptedCreate()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var group = await cloud.Aws.Ec2.CreateSecurityGroupAsync("rules-" + Guid.NewGuid().ToString("N")[..8], "rules", vpc);
        var (provider, request) = await CheckedAsync(new SecurityGroupRuleProvider(), SecurityGroupRuleProvider.Type, "lost-rule", PropertyMap.Empty
            .Set("type", PropertyValue.Of("ingress")).Set("securityGroupId", PropertyValue.Of(group)).Set("protocol", PropertyValue.Of("tcp"))
            .Set("fromPort", PropertyValue.Of(443)).Set("toPort", PropertyValue.Of(443)).Set("cidrBlocks", Strings("10.0.0.0/8")).Set("description", PropertyValue.Of("api")));
        (await provider.FindInterruptedCreateAsync(Find(request))).ShouldBeNull("nothing was authorized yet");

        var created = await CreateWithLostResponseAsync(provider, request, "AuthorizeSecurityGroupIngress");

        created.Id.ShouldBe(SecurityGroupRuleProvider.Id(request.Inputs));
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(group))!.IpPermissions.ShouldHaveSingleItem().Description.ShouldBe("api");
        (await provider.FindInterruptedCreateAsync(Find(request)))!.Id.ShouldBe(created.Id);
        (await provider.FindInterruptedCreateAsync(Find(request, request.Inputs.Set("fromPort", PropertyValue.Of(80)).Set("toPort", PropertyValue.Of(80))))).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task SecurityGroup_RevokeRulesOnDelete_RevokesEveryRuleBeforeTheDelete()
    {
        var vpc = (await cloud.Aws.Ec2.GetDefaultVpcAsync())!.VpcId;
        var other = await cloud.Aws.Ec2.CreateSecurityGroupAsync("peer-" + Guid.NewGuid().ToString("N")[..8], "peer", vpc);
        async Task<(string Id, Exception Error)> DeleteFailingAsync(bool revoke)
        {
            var (provider, request) = await CheckedAsync(new SecurityGroupProvider(), SecurityGroupProvider.Type, "revoke-" + revoke, PropertyMap.Empty
                .Set("vpcId", PropertyValue.Of(vpc)).Set("revokeRulesOnDelete", PropertyValue.Of(revoke)));
            var created = await provider.CreateAsync(request);
            await cloud.Aws.Ec2.AuthorizeSecurityGroupIngressAsync(created.Id, [new Ec2IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, SourceSecurityGroupIds = [other] }]);
            await cloud.Aws.Ec2.AuthorizeSecurityGroupEgressAsync(created.Id, [new Ec2IpPermission { IpProtocol = "-1", CidrIpv4 = ["0.0.0.0/0"], Description = "out" }]);
            // The delete itself fails (as EC2 does while another group's rule still references this one), so what the provider did before it stays visible.
            var injected = cloud.Proxy.InjectedInto("DeleteSecurityGroup", InjectedFault.ServerError);
            cloud.Proxy.Inject("DeleteSecurityGroup", InjectedFault.ServerError);
            cloud.Proxy.Inject("DeleteSecurityGroup", InjectedFault.ServerError);
            var oneRetry = new Dictionary<string, string>(cloud.ProxiedConfig) { ["aws:maxRetries"] = "1" };
            var error = await Should.ThrowAsync<ResourceProviderException>(() => provider.DeleteAsync(
                new DeleteRequest(request.Urn, request.Type, request.Name, created.Id, request.Inputs, created.Outputs, null) { Config = oneRetry }));
            cloud.Proxy.InjectedInto("DeleteSecurityGroup", InjectedFault.ServerError).ShouldBe(injected + 2, "both queued faults were used, none is left for other tests");
            return (created.Id, error);
        }

        var (kept, _) = await DeleteFailingAsync(revoke: false);
        var keptGroup = (await cloud.Aws.Ec2.FindSecurityGroupAsync(kept))!;
        (keptGroup.IpPermissions.Count + keptGroup.IpPermissionsEgress.Count).ShouldBe(2, "without revokeRulesOnDelete the rules stay");
        var (revoked, _) = await DeleteFailingAsync(revoke: true);
        var revokedGroup = (await cloud.Aws.Ec2.FindSecurityGroupAsync(revoked))!;
        revokedGroup.IpPermissions.ShouldBeEmpty();
        revokedGroup.IpPermissionsEgress.ShouldBeEmpty();
        foreach (var id in new[] { kept, revoked, other }) await cloud.Aws.Ec2.DeleteSecurityGroupAsync(id);
    }

    [Fact(Timeout = 180_000)]
    public async Task Up_SecurityGroupRulesFail_RecordsTheGroup_NextUpUpdatesItInsteadOfCreatingAnother()
    {
        var program = PulumiFn.Create(() =>
        {
            var group = new SecurityGroup("web", new SecurityGroupArgs
            {
                Ingress = [new SecurityGroupIngressArgs { Protocol = "tcp", FromPort = 8080, ToPort = 8080, CidrBlocks = ["0.0.0.0/0"] }],
            });
            return new Dictionary<string, object?> { ["id"] = group.Id, ["name"] = group.GroupName };
        });
        var stack = await cloud.StackAsync("partial-create", program, cloud.ProxiedConfig);
        for (var i = 0; i < 12; i++) cloud.Proxy.Inject("AuthorizeSecurityGroupIngress", InjectedFault.ServerError);

        await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());

        using var recorded = System.Text.Json.JsonDocument.Parse((await stack.ExportStackAsync()).Json);
        var deployment = recorded.RootElement.TryGetProperty("deployment", out var d) ? d : recorded.RootElement;
        deployment.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == SecurityGroupProvider.Type)
            .GetProperty("id").GetString().ShouldStartWith("sg-");
        var up = await stack.UpAsync();
        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        up.Summary.ResourceChanges.ShouldNotContainKey(OperationType.Create);
        var groups = await cloud.Aws.Ec2.DescribeSecurityGroupsAsync(groupNames: [(string)up.Outputs["name"].Value!]);
        groups.Single().GroupId.ShouldBe((string)up.Outputs["id"].Value!);
        groups[0].IpPermissions.Single().FromPort.ShouldBe(8080);
        await stack.DestroyAsync();
        (await cloud.Aws.Ec2.FindSecurityGroupAsync(groups[0].GroupId)).ShouldBeNull();
    }
}
