using EcrAutomation.Aws.Ec2;
using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using EcrAutomation.Aws.Logs;
using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class LogsMotoTests(MotoFixture moto)
{
    private LogsClient Logs => moto.Connection.Logs;

    [Fact]
    public async Task LogGroup_CreateDescribeRetentionDelete_RoundTripsAndReportsErrors()
    {
        var name = "/ecs/test-" + Guid.NewGuid().ToString("N")[..10];

        await Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name, Tags = new Dictionary<string, string> { ["app"] = "web" } });
        var group = (await Logs.FindLogGroupAsync(name)).ShouldNotBeNull();
        group.Arn.ShouldBe($"arn:aws:logs:us-east-1:123456789012:log-group:{name}:*");
        group.CreationTime.ShouldNotBeNull().ShouldBeGreaterThan(1_600_000_000_000L);
        group.RetentionInDays.ShouldBeNull();

        var duplicate = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() => Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = name }));
        duplicate.ErrorCode.ShouldBe(LogsErrorCodes.ResourceAlreadyExists);

        await Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = name, RetentionInDays = 7 });
        (await Logs.FindLogGroupAsync(name))!.RetentionInDays.ShouldBe(7);
        (await Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = name })).LogGroups.ShouldHaveSingleItem();

        await Logs.DeleteLogGroupAsync(new DeleteLogGroupRequest { LogGroupName = name });
        (await Logs.FindLogGroupAsync(name)).ShouldBeNull();
        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Logs.DeleteLogGroupAsync(new DeleteLogGroupRequest { LogGroupName = name }));
        missing.ErrorCode.ShouldBe(LogsErrorCodes.ResourceNotFound);
    }
}

[Collection(MotoCollection.Name)]
public sealed class EksMotoTests(MotoFixture moto)
{
    private EksClient Eks => moto.Connection.Eks;

    [Fact]
    public async Task Cluster_CreateDescribeWaitDelete_RoundTripsAndReportsErrors()
    {
        var name = "eks-" + Guid.NewGuid().ToString("N")[..10];
        var vpc = (await moto.Connection.Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        var subnets = (await moto.Connection.Ec2.DescribeSubnetsAsync(vpc.VpcId)).Take(2).Select(s => s.SubnetId).ToList();
        var request = new CreateEksClusterRequest
        {
            Name = name,
            Version = "1.31",
            RoleArn = "arn:aws:iam::123456789012:role/eks-cluster",
            ResourcesVpcConfig = new VpcConfigRequest { SubnetIds = subnets, EndpointPublicAccess = true },
            Tags = new Dictionary<string, string> { ["app"] = "web" },
        };

        var created = (await Eks.CreateClusterAsync(request)).Cluster!;
        created.Name.ShouldBe(name);
        created.Arn.ShouldBe($"arn:aws:eks:us-east-1:123456789012:cluster/{name}");
        created.RoleArn.ShouldBe(request.RoleArn);
        created.ResourcesVpcConfig!.SubnetIds.ShouldBe(subnets);

        var duplicate = await Should.ThrowAsync<AwsServiceException>(() => Eks.CreateClusterAsync(request));
        duplicate.ErrorCode.ShouldBe(EksErrorCodes.ResourceInUse);

        var described = (await Eks.DescribeClusterAsync(name)).Cluster!;
        described.Arn.ShouldBe(created.Arn);
        described.Endpoint.ShouldNotBeNullOrEmpty();
        described.Tags!["app"].ShouldBe("web");
        (await Eks.WaitForClusterActiveAsync(name, new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(10) }))
            .Status.ShouldBe("ACTIVE");

        (await Eks.DeleteClusterAsync(name)).Cluster!.Name.ShouldBe(name);
        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Eks.DescribeClusterAsync(name));
        missing.ErrorCode.ShouldBe(EksErrorCodes.ResourceNotFound);
        missing.HttpStatus.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Eks.DeleteClusterAsync(name))).ErrorCode.ShouldBe(EksErrorCodes.ResourceNotFound);
    }
}

[Collection(MotoCollection.Name)]
public sealed class Ec2MotoTests(MotoFixture moto)
{
    private Ec2Client Ec2 => moto.Connection.Ec2;

    [Fact]
    public async Task DefaultVpcAndSubnets_AreFound()
    {
        var vpc = (await Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        vpc.IsDefault.ShouldBeTrue();
        vpc.CidrBlock.ShouldBe("172.31.0.0/16");

        var subnets = await Ec2.DescribeSubnetsAsync(vpc.VpcId);
        subnets.Count.ShouldBeGreaterThan(1);
        subnets.ShouldAllBe(s => s.VpcId == vpc.VpcId && s.DefaultForAz);
        (await Ec2.DescribeSubnetsAsync(subnetIds: [subnets[0].SubnetId])).ShouldHaveSingleItem().SubnetId.ShouldBe(subnets[0].SubnetId);

        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ec2.DescribeSubnetsAsync(subnetIds: ["subnet-0000000000000dead"]));
        missing.ErrorCode.ShouldBe(Ec2ErrorCodes.InvalidSubnetIdNotFound);
    }

    [Fact]
    public async Task Vpcs_ByIdAndFilters_AndSubnetsByFilters_AreFound()
    {
        var vpc = (await Ec2.GetDefaultVpcAsync())!;
        vpc.OwnerId.ShouldBe("123456789012");
        (await Ec2.DescribeVpcsAsync([vpc.VpcId])).ShouldHaveSingleItem().IsDefault.ShouldBeTrue();
        (await Ec2.DescribeVpcsAsync(filters: new Dictionary<string, IReadOnlyList<string>> { ["cidr-block"] = ["172.31.0.0/16"], ["is-default"] = ["true"] }))
            .ShouldHaveSingleItem().VpcId.ShouldBe(vpc.VpcId);
        (await Ec2.DescribeVpcsAsync(filters: new Dictionary<string, IReadOnlyList<string>> { ["cidr-block"] = ["10.99.0.0/16"] })).ShouldBeEmpty();
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ec2.DescribeVpcsAsync(["vpc-0000000000000dead"])))
            .ErrorCode.ShouldBe(Ec2ErrorCodes.InvalidVpcIdNotFound);

        var inVpc = await Ec2.DescribeSubnetsMatchingAsync(new Dictionary<string, IReadOnlyList<string>> { ["vpc-id"] = [vpc.VpcId] });
        inVpc.Select(s => s.SubnetId).ShouldBe((await Ec2.DescribeSubnetsAsync(vpc.VpcId)).Select(s => s.SubnetId), ignoreOrder: true);
        var zone = inVpc[0].AvailabilityZone!;
        (await Ec2.DescribeSubnetsMatchingAsync(new Dictionary<string, IReadOnlyList<string>> { ["vpc-id"] = [vpc.VpcId], ["availability-zone"] = [zone] }))
            .ShouldAllBe(s => s.AvailabilityZone == zone);
    }

    [Fact]
    public async Task RuleDescriptions_AreSentReadAndUpdated()
    {
        var vpc = (await Ec2.GetDefaultVpcAsync())!;
        var groupId = await Ec2.CreateSecurityGroupAsync("sg-desc-" + Guid.NewGuid().ToString("N")[..10], "descriptions", vpc.VpcId);
        var source = await Ec2.CreateSecurityGroupAsync("sg-src-" + Guid.NewGuid().ToString("N")[..10], "source", vpc.VpcId);
        var https = new Ec2IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIpv4 = ["10.0.0.0/8"], Description = "api" };
        var fromGroup = new Ec2IpPermission { IpProtocol = "tcp", FromPort = 1025, ToPort = 65535, SourceSecurityGroupIds = [source], Description = "nodes" };
        await Ec2.AuthorizeSecurityGroupIngressAsync(groupId, [https, fromGroup]);
        var group = (await Ec2.FindSecurityGroupAsync(groupId))!;
        group.IpPermissions.Single(p => p.FromPort == 443).Description.ShouldBe("api");
        group.IpPermissions.Single(p => p.FromPort == 1025).Description.ShouldBe("nodes");

        await Ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(groupId, [https with { Description = "kubernetes api" }]);
        (await Ec2.FindSecurityGroupAsync(groupId))!.IpPermissions.Single(p => p.FromPort == 443).Description.ShouldBe("kubernetes api");

        await Ec2.RevokeSecurityGroupIngressAsync(groupId, [https, fromGroup]);
        await Ec2.DeleteSecurityGroupAsync(groupId);
        await Ec2.DeleteSecurityGroupAsync(source);
    }

    [Fact]
    public async Task SecurityGroup_CreateDescribeAuthorizeRevokeDelete_RoundTripsAndReportsErrors()
    {
        var vpc = (await Ec2.GetDefaultVpcAsync())!;
        var name = "sg-test-" + Guid.NewGuid().ToString("N")[..10];

        var groupId = await Ec2.CreateSecurityGroupAsync(name, "test group", vpc.VpcId, new Dictionary<string, string> { ["app"] = "web" });
        groupId.ShouldStartWith("sg-");
        var group = (await Ec2.FindSecurityGroupAsync(groupId)).ShouldNotBeNull();
        group.GroupName.ShouldBe(name);
        group.VpcId.ShouldBe(vpc.VpcId);
        group.Tags["app"].ShouldBe("web");
        (await Ec2.DescribeSecurityGroupsAsync(vpcId: vpc.VpcId, groupNames: [name])).ShouldHaveSingleItem().GroupId.ShouldBe(groupId);

        var duplicate = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() => Ec2.CreateSecurityGroupAsync(name, "again", vpc.VpcId));
        duplicate.ErrorCode.ShouldBe(Ec2ErrorCodes.InvalidGroupDuplicate);

        var http = new Ec2IpPermission { IpProtocol = "tcp", FromPort = 80, ToPort = 80, CidrIpv4 = ["0.0.0.0/0"] };
        await Ec2.AuthorizeSecurityGroupIngressAsync(groupId, [http]);
        var withIngress = (await Ec2.FindSecurityGroupAsync(groupId))!;
        withIngress.IpPermissions.ShouldContain(p => p.IpProtocol == "tcp" && p.FromPort == 80 && p.CidrIpv4.Contains("0.0.0.0/0"));
        (await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() => Ec2.AuthorizeSecurityGroupIngressAsync(groupId, [http])))
            .ErrorCode.ShouldBe(Ec2ErrorCodes.InvalidPermissionDuplicate);

        var egress = new Ec2IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIpv4 = ["10.0.0.0/8"] };
        await Ec2.AuthorizeSecurityGroupEgressAsync(groupId, [egress]);
        (await Ec2.FindSecurityGroupAsync(groupId))!.IpPermissionsEgress.ShouldContain(p => p.FromPort == 443);

        await Ec2.RevokeSecurityGroupIngressAsync(groupId, [http]);
        await Ec2.RevokeSecurityGroupEgressAsync(groupId, [egress]);
        var revoked = (await Ec2.FindSecurityGroupAsync(groupId))!;
        revoked.IpPermissions.ShouldNotContain(p => p.FromPort == 80);
        revoked.IpPermissionsEgress.ShouldNotContain(p => p.FromPort == 443);

        await Ec2.DeleteSecurityGroupAsync(groupId);
        (await Ec2.FindSecurityGroupAsync(groupId)).ShouldBeNull();
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ec2.DeleteSecurityGroupAsync(groupId)))
            .ErrorCode.ShouldBe(Ec2ErrorCodes.InvalidGroupNotFound);
    }
}

[Collection(MotoCollection.Name)]
public sealed class StsMotoTests(MotoFixture moto)
{
    [Fact]
    public async Task GetCallerIdentity_ReturnsMotoAccount()
    {
        var identity = await moto.Connection.Sts.GetCallerIdentityAsync();

        identity.Account.ShouldBe("123456789012");
        identity.Arn.ShouldStartWith("arn:aws:");
        identity.UserId.ShouldNotBeNullOrEmpty();
    }
}
