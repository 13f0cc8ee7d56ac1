using System.Text.Json.Nodes;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Http;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Logs;
using EcrAutomation.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.Aws.Tests;

/// <summary>
/// AWS behaviour that moto does not reproduce (aws-apis.md §6: no ECR pagination, no lifecycle preview, no
/// BatchCheckLayerAvailability; moto also skips ClusterContainsServices and DuplicateListener), asserted against a
/// local stub that answers with AWS's documented wire shapes.
/// </summary>
public sealed class AwsBehaviourStubTests
{
    private static Task<StubServer> StartAsync(Func<RecordedRequest, HttpContext, Task> handler) => StubServer.StartAsync(handler);

    private static string? FormValue(RecordedRequest request, string key) =>
        request.BodyText.Split('&').Select(p => p.Split('=', 2)).Where(p => Uri.UnescapeDataString(p[0]) == key)
            .Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    private static string? JsonValue(RecordedRequest request, string key) =>
        JsonNode.Parse(request.BodyText)?[key]?.GetValue<string>();

    [Fact]
    public async Task DescribeAllRepositories_ThreePages_FollowsNextTokenUntilAbsent()
    {
        // moto returns everything in one page; AWS pages with an opaque nextToken (max 1000, default 100).
        await using var stub = await StartAsync((request, ctx) => JsonValue(request, "nextToken") switch
        {
            null => StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[{\"repositoryName\":\"a\"},{\"repositoryName\":\"b\"}],\"nextToken\":\"t1\"}"),
            "t1" => StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[{\"repositoryName\":\"c\"}],\"nextToken\":\"t2\"}"),
            _ => StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[{\"repositoryName\":\"d\",\"createdAt\":1499287667.5}]}"),
        });
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var all = await connection.Ecr.DescribeAllRepositoriesAsync(new DescribeRepositoriesRequest { MaxResults = 2 }).ToListAsync();

        all.Select(r => r.RepositoryName).ShouldBe(["a", "b", "c", "d"]);
        all[3].CreatedAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1499287667500));
        stub.Requests.Select(r => JsonValue(r, "nextToken")).ShouldBe([null, "t1", "t2"]);
        stub.Requests.ShouldAllBe(r => JsonNode.Parse(r.BodyText)!["maxResults"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task DescribeAllImagesAndListAllImages_Paged_FollowNextToken()
    {
        await using var stub = await StartAsync((request, ctx) => (request.Target, JsonValue(request, "nextToken")) switch
        {
            ("AmazonEC2ContainerRegistry_V20150921.DescribeImages", null) =>
                StubServer.WriteJsonAsync(ctx, 200, "{\"imageDetails\":[{\"imageDigest\":\"sha256:01\",\"imageTags\":[\"v1\"],\"imageSizeInBytes\":123,\"imagePushedAt\":1499287667.0}],\"nextToken\":\"n\"}"),
            ("AmazonEC2ContainerRegistry_V20150921.DescribeImages", _) =>
                StubServer.WriteJsonAsync(ctx, 200, "{\"imageDetails\":[{\"imageDigest\":\"sha256:02\"}]}"),
            (_, null) => StubServer.WriteJsonAsync(ctx, 200, "{\"imageIds\":[{\"imageDigest\":\"sha256:01\",\"imageTag\":\"v1\"}],\"nextToken\":\"n\"}"),
            _ => StubServer.WriteJsonAsync(ctx, 200, "{\"imageIds\":[{\"imageDigest\":\"sha256:02\"}]}"),
        });
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var details = await connection.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = "r" }).ToListAsync();
        var ids = await connection.Ecr.ListAllImagesAsync(new ListImagesRequest { RepositoryName = "r", Filter = new TagStatusFilter { TagStatus = "ANY" } }).ToListAsync();

        details.Select(d => d.ImageDigest).ShouldBe(["sha256:01", "sha256:02"]);
        details[0].ImageSizeInBytes.ShouldBe(123);
        details[1].ImageTags.ShouldBeNull(); // untagged images omit imageTags
        ids.Select(i => i.ImageTag).ShouldBe(["v1", null]);
        stub.Requests.Last().BodyText.ShouldContain("\"filter\":{\"tagStatus\":\"ANY\"}");
    }

    [Fact]
    public async Task LifecyclePolicyPreview_StartThenPoll_WaitsForCompleteAndPagesResults()
    {
        // moto has no lifecycle preview; AWS: Start → IN_PROGRESS, Get → IN_PROGRESS … COMPLETE with previewResults.
        var polls = 0;
        await using var stub = await StartAsync((request, ctx) =>
        {
            if (request.Target!.EndsWith("StartLifecyclePolicyPreview", StringComparison.Ordinal))
            {
                return StubServer.WriteJsonAsync(ctx, 200, "{\"registryId\":\"123456789012\",\"repositoryName\":\"r\",\"lifecyclePolicyText\":\"{}\",\"status\":\"IN_PROGRESS\"}");
            }

            if (JsonValue(request, "nextToken") == "p2")
            {
                return StubServer.WriteJsonAsync(ctx, 200, "{\"status\":\"COMPLETE\",\"previewResults\":[{\"imageDigest\":\"sha256:02\",\"action\":{\"type\":\"EXPIRE\"},\"appliedRulePriority\":1}]}");
            }

            return Interlocked.Increment(ref polls) < 3
                ? StubServer.WriteJsonAsync(ctx, 200, "{\"status\":\"IN_PROGRESS\"}")
                : StubServer.WriteJsonAsync(ctx, 200,
                    "{\"status\":\"COMPLETE\",\"nextToken\":\"p2\",\"summary\":{\"expiringImageTotalCount\":2},\"previewResults\":[{\"imageTags\":[\"old\"],\"imageDigest\":\"sha256:01\",\"imagePushedAt\":1499287667.0,\"action\":{\"type\":\"EXPIRE\"},\"appliedRulePriority\":1}]}");
        });
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var started = await connection.Ecr.StartLifecyclePolicyPreviewAsync(new StartLifecyclePolicyPreviewRequest { RepositoryName = "r", LifecyclePolicyText = "{}" });
        started.Status.ShouldBe("IN_PROGRESS");

        var first = await connection.Ecr.WaitForLifecyclePolicyPreviewCompleteAsync("r", options: new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(10) });
        first.Status.ShouldBe("COMPLETE");
        first.Summary!.ExpiringImageTotalCount.ShouldBe(2);

        var results = await connection.Ecr.GetAllLifecyclePolicyPreviewResultsAsync(new GetLifecyclePolicyPreviewRequest { RepositoryName = "r" }).ToListAsync();
        results.Select(r => r.ImageDigest).ShouldBe(["sha256:01", "sha256:02"]);
        results[0].Action!.Type.ShouldBe("EXPIRE");
        results[0].AppliedRulePriority.ShouldBe(1);
    }

    [Fact]
    public async Task GetLifecyclePolicyPreview_NoDryRun_IsLifecyclePolicyPreviewNotFound()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 400,
            "{\"__type\":\"LifecyclePolicyPreviewNotFoundException\",\"message\":\"There is no dry run for this repository.\"}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var ex = await Should.ThrowAsync<AwsResourceNotFoundException>(() =>
            connection.Ecr.GetLifecyclePolicyPreviewAsync(new GetLifecyclePolicyPreviewRequest { RepositoryName = "r" }));

        ex.ErrorCode.ShouldBe(EcrErrorCodes.LifecyclePolicyPreviewNotFound);
    }

    [Fact]
    public async Task BatchCheckLayerAvailability_MixedDigests_ReturnsLayersAndFailures()
    {
        // moto does not implement BatchCheckLayerAvailability.
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 200,
            "{\"layers\":[{\"layerDigest\":\"sha256:aa\",\"layerAvailability\":\"AVAILABLE\",\"layerSize\":2048,\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\"}]," +
            "\"failures\":[{\"layerDigest\":\"sha256:bb\",\"failureCode\":\"MissingLayerDigest\",\"failureReason\":\"Layer digest not found\"}]}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var result = await connection.Ecr.BatchCheckLayerAvailabilityAsync(new BatchCheckLayerAvailabilityRequest { RepositoryName = "r", LayerDigests = ["sha256:aa", "sha256:bb"] });

        result.Layers.ShouldHaveSingleItem().LayerSize.ShouldBe(2048);
        result.Failures.ShouldHaveSingleItem().FailureCode.ShouldBe("MissingLayerDigest");
        var sent = stub.Requests.Single();
        sent.Target.ShouldBe("AmazonEC2ContainerRegistry_V20150921.BatchCheckLayerAvailability");
        sent.BodyText.ShouldBe("{\"repositoryName\":\"r\",\"layerDigests\":[\"sha256:aa\",\"sha256:bb\"]}");
    }

    [Fact]
    public async Task DeleteCluster_WithServices_IsClusterContainsServicesConflict()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 400,
            "{\"__type\":\"ClusterContainsServicesException\",\"message\":\"The Cluster cannot be deleted while Services are active.\"}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var ex = await Should.ThrowAsync<AwsResourceConflictException>(() => connection.Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = "c" }));

        ex.ErrorCode.ShouldBe(EcsErrorCodes.ClusterContainsServices);
        stub.Requests.Single().Target.ShouldBe("AmazonEC2ContainerServiceV20141113.DeleteCluster");
    }

    [Fact]
    public async Task CreateListener_PortTaken_IsDuplicateListener()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteXmlAsync(ctx, 400,
            "<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>Sender</Type><Code>DuplicateListener</Code><Message>A listener with the specified port already exists.</Message></Error><RequestId>x</RequestId></ErrorResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var ex = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() => connection.Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = "arn:lb",
            Port = 80,
            Protocol = "HTTP",
            DefaultActions = [new ListenerAction { Type = "forward", TargetGroupArn = "arn:tg" }],
        }));

        ex.ErrorCode.ShouldBe(ElbErrorCodes.DuplicateListener);
        var form = stub.Requests.Single();
        FormValue(form, "Action").ShouldBe("CreateListener");
        FormValue(form, "Version").ShouldBe("2015-12-01");
        FormValue(form, "DefaultActions.member.1.Type").ShouldBe("forward");
        FormValue(form, "DefaultActions.member.1.TargetGroupArn").ShouldBe("arn:tg");
        FormValue(form, "Port").ShouldBe("80");
    }

    [Fact]
    public async Task DescribeAllLoadBalancers_NextMarker_IsFollowed()
    {
        await using var stub = await StartAsync((request, ctx) => StubServer.WriteXmlAsync(ctx, 200, FormValue(request, "Marker") is null
            ? "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerName>a</LoadBalancerName><State><Code>active</Code></State><CreatedTime>2016-03-25T21:26:12.920Z</CreatedTime></member></LoadBalancers><NextMarker>m1</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"
            : "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerName>b</LoadBalancerName><State><Code>provisioning</Code></State></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var all = await connection.Elb.DescribeAllLoadBalancersAsync().ToListAsync();

        all.Select(l => l.LoadBalancerName).ShouldBe(["a", "b"]);
        all[0].CreatedTime.ShouldBe(new DateTimeOffset(2016, 3, 25, 21, 26, 12, 920, TimeSpan.Zero));
        stub.Requests.Select(r => FormValue(r, "Marker")).ShouldBe([null, "m1"]);
    }

    [Fact]
    public async Task ListAllAttachedRolePolicies_IsTruncated_FollowsMarker()
    {
        // moto never truncates; IAM pages with IsTruncated + Marker.
        await using var stub = await StartAsync((request, ctx) => StubServer.WriteXmlAsync(ctx, 200, FormValue(request, "Marker") is null
            ? "<ListAttachedRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAttachedRolePoliciesResult><AttachedPolicies><member><PolicyName>p1</PolicyName><PolicyArn>arn:p1</PolicyArn></member></AttachedPolicies><IsTruncated>true</IsTruncated><Marker>k</Marker></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>"
            : "<ListAttachedRolePoliciesResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListAttachedRolePoliciesResult><AttachedPolicies><member><PolicyName>p2</PolicyName><PolicyArn>arn:p2</PolicyArn></member></AttachedPolicies><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var all = await connection.Iam.ListAllAttachedRolePoliciesAsync("r").ToListAsync();

        all.Select(p => p.PolicyName).ShouldBe(["p1", "p2"]);
        stub.Requests.Select(r => FormValue(r, "Marker")).ShouldBe([null, "k"]);
        // IAM is global: signed for us-east-1 whatever the connection's region.
        stub.Requests.First().Headers["authorization"].ShouldContain("/us-east-1/iam/aws4_request");
    }

    [Fact]
    public async Task GetRole_UrlEncodedTrustPolicy_IsDecoded()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteXmlAsync(ctx, 200,
            "<GetRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetRoleResult><Role><Path>/</Path><RoleName>r</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/r</Arn><CreateDate>2016-03-25T21:26:12Z</CreateDate>" +
            "<AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration></Role></GetRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetRoleResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var role = await connection.Iam.GetRoleAsync("r");

        role.AssumeRolePolicyDocument.ShouldBe("{\"Version\":\"2012-10-17\"}");
        role.MaxSessionDuration.ShouldBe(3600);
        role.RoleId.ShouldBe("AROAEXAMPLE");
    }

    [Fact]
    public async Task DescribeAllLogGroups_NextToken_IsFollowed()
    {
        await using var stub = await StartAsync((request, ctx) => JsonValue(request, "nextToken") is null
            ? StubServer.WriteJsonAsync(ctx, 200, "{\"logGroups\":[{\"logGroupName\":\"/a\",\"creationTime\":1700000000000}],\"nextToken\":\"n\"}")
            : StubServer.WriteJsonAsync(ctx, 200, "{\"logGroups\":[{\"logGroupName\":\"/b\",\"retentionInDays\":30}]}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var all = await connection.Logs.DescribeAllLogGroupsAsync().ToListAsync();

        all.Select(g => g.LogGroupName).ShouldBe(["/a", "/b"]);
        all[1].RetentionInDays.ShouldBe(30);
        stub.Requests.First().Target.ShouldBe("Logs_20140328.DescribeLogGroups");
    }

    [Fact]
    public async Task Paginator_RepeatedToken_StopsWithError()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 200, "{\"repositories\":[],\"nextToken\":\"same\"}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        await Should.ThrowAsync<AwsException>(async () => await connection.Ecr.DescribeAllRepositoriesAsync().ToListAsync());

        stub.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task WaitForLoadBalancerActive_StaysProvisioning_TimesOut()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteXmlAsync(ctx, 200,
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerArn>arn:lb</LoadBalancerArn><State><Code>provisioning</Code></State></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        await Should.ThrowAsync<AwsTimeoutException>(() => connection.Elb.WaitForLoadBalancerActiveAsync(
            "arn:lb", new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(400) }));

        stub.Requests.Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task WaitForLoadBalancerActive_Failed_FailsAtOnce()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteXmlAsync(ctx, 200,
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerArn>arn:lb</LoadBalancerArn><State><Code>failed</Code><Reason>no capacity</Reason></State></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);

        var ex = await Should.ThrowAsync<AwsWaiterFailedException>(() => connection.Elb.WaitForLoadBalancerActiveAsync("arn:lb"));

        ex.Message.ShouldContain("no capacity");
        stub.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task WaitForServiceStable_Cancelled_StopsPolling()
    {
        await using var stub = await StartAsync((_, ctx) => StubServer.WriteJsonAsync(ctx, 200,
            "{\"services\":[{\"serviceName\":\"s\",\"status\":\"ACTIVE\",\"desiredCount\":2,\"runningCount\":1,\"deployments\":[{\"id\":\"a\"},{\"id\":\"b\"}]}],\"failures\":[]}"));
        using var connection = TestEnvironment.Connect(stub.Endpoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() => connection.Ecs.WaitForServiceStableAsync(
            "c", "s", new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMinutes(1) }, cts.Token));
    }
}
