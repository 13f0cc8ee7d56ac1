using System.Net;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class IamMotoTests(MotoFixture moto)
{
    private const string TrustPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private const string LambdaTrust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private const string InlinePolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}";

    private const string ExecutionPolicyArn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    private IamClient Iam => moto.Connection.Iam;

    private static string NewName() => "role-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Role_CreateGetUpdateTagDelete_RoundTripsAndReportsErrors()
    {
        var name = NewName();

        var role = await Iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = name,
            Path = "/service/",
            AssumeRolePolicyDocument = TrustPolicy,
            Description = "test role",
            Tags = [new IamTag { Key = "team", Value = "platform" }],
        });
        role.RoleName.ShouldBe(name);
        role.Arn.ShouldBe($"arn:aws:iam::123456789012:role/service/{name}");
        role.RoleId.ShouldNotBeNullOrEmpty();
        role.CreateDate.ShouldNotBeNull();
        JsonShouldEqual(role.AssumeRolePolicyDocument!, TrustPolicy);

        var duplicate = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() =>
            Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TrustPolicy }));
        duplicate.ErrorCode.ShouldBe(IamErrorCodes.EntityAlreadyExists);
        duplicate.HttpStatus.ShouldBe(HttpStatusCode.Conflict);

        var fetched = await Iam.GetRoleAsync(name);
        fetched.Description.ShouldBe("test role");
        fetched.Tags.ShouldNotBeNull().ShouldContain(t => t.Key == "team" && t.Value == "platform");

        await Iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = name, PolicyDocument = LambdaTrust });
        JsonShouldEqual((await Iam.GetRoleAsync(name)).AssumeRolePolicyDocument!, LambdaTrust);

        await Iam.TagRoleAsync(new TagRoleRequest { RoleName = name, Tags = [new IamTag { Key = "env", Value = "test" }] });
        (await Iam.GetRoleAsync(name)).Tags!.Select(t => t.Key).ShouldBe(["team", "env"], ignoreOrder: true);

        await Iam.DeleteRoleAsync(name);
        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Iam.GetRoleAsync(name));
        missing.ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);
        missing.HttpStatus.ShouldBe(HttpStatusCode.NotFound);
        (await Iam.FindRoleAsync(name)).ShouldBeNull();
        (await Should.ThrowAsync<AwsServiceException>(() => Iam.DeleteRoleAsync(name))).ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);
    }

    [Fact]
    public async Task RolePolicies_AttachInlineDetachDelete_RoundTripAndDeleteConflict()
    {
        var name = NewName();
        await Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = TrustPolicy });

        await Iam.AttachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = name, PolicyArn = ExecutionPolicyArn });
        var attached = await Iam.ListAllAttachedRolePoliciesAsync(name).ToListAsync();
        attached.ShouldHaveSingleItem().PolicyArn.ShouldBe(ExecutionPolicyArn);
        attached[0].PolicyName.ShouldBe("AmazonECSTaskExecutionRolePolicy");
        (await Iam.ListAttachedRolePoliciesAsync(new ListAttachedRolePoliciesRequest { RoleName = name })).IsTruncated.ShouldBeFalse();

        var conflict = await Should.ThrowAsync<AwsResourceConflictException>(() => Iam.DeleteRoleAsync(name));
        conflict.ErrorCode.ShouldBe(IamErrorCodes.DeleteConflict);
        conflict.HttpStatus.ShouldBe(HttpStatusCode.Conflict);

        await Iam.DetachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = name, PolicyArn = ExecutionPolicyArn });
        (await Iam.ListAllAttachedRolePoliciesAsync(name).ToListAsync()).ShouldBeEmpty();

        var unknown = await Should.ThrowAsync<AwsServiceException>(() =>
            Iam.AttachRolePolicyAsync(new RolePolicyAttachmentRequest { RoleName = name, PolicyArn = "arn:aws:iam::aws:policy/DoesNotExist" }));
        unknown.ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);

        await Iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = "logs", PolicyDocument = InlinePolicy });
        var inline = await Iam.GetRolePolicyAsync(new RolePolicyRequest { RoleName = name, PolicyName = "logs" });
        inline.PolicyName.ShouldBe("logs");
        JsonShouldEqual(inline.PolicyDocument!, InlinePolicy);
        (await Iam.ListAllRolePoliciesAsync(name).ToListAsync()).ShouldBe(["logs"]);

        (await Should.ThrowAsync<AwsResourceConflictException>(() => Iam.DeleteRoleAsync(name))).ErrorCode.ShouldBe(IamErrorCodes.DeleteConflict);

        await Iam.DeleteRolePolicyAsync(new RolePolicyRequest { RoleName = name, PolicyName = "logs" });
        (await Should.ThrowAsync<AwsServiceException>(() => Iam.GetRolePolicyAsync(new RolePolicyRequest { RoleName = name, PolicyName = "logs" })))
            .ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);
        (await Iam.ListRolePoliciesAsync(new ListRolePoliciesRequest { RoleName = name })).PolicyNames.ShouldBeEmpty();

        await Iam.DeleteRoleAsync(name);
    }

    [Fact]
    public async Task InstanceProfile_CreateAddRoleGetTagRemoveDelete_RoundTripsAndReportsErrors()
    {
        var role = NewName();
        await Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = TrustPolicy });
        var name = "profile-" + Guid.NewGuid().ToString("N")[..12];

        var created = await Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest
        {
            InstanceProfileName = name,
            Path = "/nodes/",
            Tags = [new IamTag { Key = "team", Value = "platform" }],
        });
        created.InstanceProfileName.ShouldBe(name);
        created.Arn.ShouldBe($"arn:aws:iam::123456789012:instance-profile/nodes/{name}");
        created.InstanceProfileId.ShouldNotBeNullOrEmpty();
        created.Roles.ShouldBeEmpty();
        (await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() => Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest { InstanceProfileName = name })))
            .ErrorCode.ShouldBe(IamErrorCodes.EntityAlreadyExists);

        await Iam.AddRoleToInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = role });
        var fetched = await Iam.GetInstanceProfileAsync(name);
        fetched.Path.ShouldBe("/nodes/");
        var held = fetched.Roles.ShouldHaveSingleItem();
        held.RoleName.ShouldBe(role);
        JsonShouldEqual(held.AssumeRolePolicyDocument!, TrustPolicy);
        fetched.Tags.ShouldNotBeNull().ShouldContain(t => t.Key == "team" && t.Value == "platform");
        var second = await Should.ThrowAsync<AwsServiceException>(() =>
            Iam.AddRoleToInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = role }));
        second.ErrorCode.ShouldBe(IamErrorCodes.LimitExceeded, "a profile holds one role");

        await Iam.TagInstanceProfileAsync(new TagInstanceProfileRequest { InstanceProfileName = name, Tags = [new IamTag { Key = "env", Value = "test" }] });
        await Iam.UntagInstanceProfileAsync(new UntagInstanceProfileRequest { InstanceProfileName = name, TagKeys = ["team"] });
        (await Iam.GetInstanceProfileAsync(name)).Tags!.Select(t => t.Key).ShouldBe(["env"]);

        (await Should.ThrowAsync<AwsResourceConflictException>(() => Iam.DeleteInstanceProfileAsync(name)))
            .ErrorCode.ShouldBe(IamErrorCodes.DeleteConflict, "IAM refuses to delete a profile that holds a role");
        await Iam.RemoveRoleFromInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = name, RoleName = role });
        (await Iam.GetInstanceProfileAsync(name)).Roles.ShouldBeEmpty();
        await Iam.DeleteInstanceProfileAsync(name);

        (await Iam.FindInstanceProfileAsync(name)).ShouldBeNull();
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Iam.GetInstanceProfileAsync(name))).ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);
        (await Should.ThrowAsync<AwsServiceException>(() => Iam.DeleteInstanceProfileAsync(name))).ErrorCode.ShouldBe(IamErrorCodes.NoSuchEntity);
        await Iam.DeleteRoleAsync(role);
    }

    private static void JsonShouldEqual(string actual, string expected) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(actual), System.Text.Json.Nodes.JsonNode.Parse(expected))
            .ShouldBeTrue($"{actual} != {expected}");
}
