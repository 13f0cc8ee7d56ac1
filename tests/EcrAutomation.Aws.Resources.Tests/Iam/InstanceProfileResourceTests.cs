using EcrAutomation.Automation;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.Tests.Ecs;
using InstanceProfile = EcrAutomation.Aws.Resources.Iam.InstanceProfile;
using Role = EcrAutomation.Aws.Resources.Iam.Role;

namespace EcrAutomation.Aws.Resources.Tests.Iam;

/// <summary>aws:iam/instanceProfile:InstanceProfile through the engine against moto's IAM.</summary>
[Collection(EcsCollection.Name)]
public sealed class InstanceProfileResourceTests(EcsCloudFixture cloud)
{
    private static readonly string Trust = Role.TrustPolicyFor("ec2.amazonaws.com");

    private static PulumiFn Program(bool secondRole, string team, string path = "/") => PulumiFn.Create(() =>
    {
        var first = new Role("nodes-a", new RoleArgs { AssumeRolePolicy = Trust });
        var second = new Role("nodes-b", new RoleArgs { AssumeRolePolicy = Trust });
        var profile = new InstanceProfile("profile", new InstanceProfileArgs
        {
            Role = secondRole ? second.RoleName : first.RoleName,
            Path = path,
            Tags = new Dictionary<string, string> { ["team"] = team },
        });
        return new Dictionary<string, object?>
        {
            ["name"] = profile.ProfileName, ["arn"] = profile.Arn, ["role"] = profile.Role, ["first"] = first.RoleName, ["second"] = second.RoleName,
        };
    });

    [Fact(Timeout = 300_000)]
    public async Task Profile_Create_NoOp_RoleAndTagsInPlace_Refresh_PathReplaces_Destroy()
    {
        var stack = await cloud.StackAsync("instance-profile", Program(secondRole: false, "web"));
        var up = await stack.UpAsync();
        var name = (string)up.Outputs["name"].Value!;
        name.ShouldMatch("^profile-[0-9a-f]{7}$");
        ((string)up.Outputs["arn"].Value!).ShouldBe($"arn:aws:iam::123456789012:instance-profile/{name}");
        var profile = await cloud.Aws.Iam.GetInstanceProfileAsync(name);
        profile.Roles.ShouldHaveSingleItem().RoleName.ShouldBe((string)up.Outputs["first"].Value!);
        profile.Tags!.ShouldHaveSingleItem().Value.ShouldBe("web");

        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        var moved = await stack.UpAsync(new UpOptions { Program = Program(secondRole: true, "api") });
        moved.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        moved.Summary.ResourceChanges.ShouldNotContainKey(OperationType.Replace);
        moved.Outputs["name"].Value.ShouldBe(name);
        profile = await cloud.Aws.Iam.GetInstanceProfileAsync(name);
        profile.Roles.ShouldHaveSingleItem().RoleName.ShouldBe((string)up.Outputs["second"].Value!);
        profile.Tags!.ShouldHaveSingleItem().Value.ShouldBe("api");

        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        var replaced = await stack.UpAsync(new UpOptions { Program = Program(secondRole: true, "api", "/nodes/") });
        replaced.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        var replacement = (string)replaced.Outputs["name"].Value!;
        replacement.ShouldNotBe(name, "an auto-named resource is replaced under a new name, created before the old one is deleted");
        (await cloud.Aws.Iam.GetInstanceProfileAsync(replacement)).Path.ShouldBe("/nodes/");
        (await cloud.Aws.Iam.FindInstanceProfileAsync(name)).ShouldBeNull();

        await stack.DestroyAsync();
        (await cloud.Aws.Iam.FindInstanceProfileAsync(replacement)).ShouldBeNull();
        (await cloud.Aws.Iam.FindRoleAsync((string)up.Outputs["second"].Value!)).ShouldBeNull("the role could be deleted: destroy removed it from the profile first");
    }

    [Fact(Timeout = 300_000)]
    public async Task Profile_WithMissingRole_IsRecordedWithoutIt_ThenTheFixAddsTheRole_AndImportAdoptsAnExistingProfile()
    {
        var role = "nodes-" + Guid.NewGuid().ToString("N")[..8];
        PulumiFn Program(string roleName) => PulumiFn.Create(() =>
        {
            var profile = new InstanceProfile("profile", new InstanceProfileArgs { NamePrefix = "nodes-", Role = roleName });
            return new Dictionary<string, object?> { ["name"] = profile.ProfileName };
        });
        var stack = await cloud.StackAsync("instance-profile-missing-role", Program(role));
        var failed = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        failed.Message.ShouldContain($"but adding role '{role}' to it failed");

        await cloud.Aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = role, AssumeRolePolicyDocument = Trust });
        var fixedUp = await stack.UpAsync();
        fixedUp.Summary.ResourceChanges![OperationType.Update].ShouldBe(1, "the profile the failed create made is updated, not created again");
        fixedUp.Summary.ResourceChanges.ShouldNotContainKey(OperationType.Create);
        var name = (string)fixedUp.Outputs["name"].Value!;
        name.ShouldMatch("^nodes-[0-9a-f]{26}$");
        (await cloud.Aws.Iam.GetInstanceProfileAsync(name)).Roles.ShouldHaveSingleItem().RoleName.ShouldBe(role);
        await stack.DestroyAsync();

        await cloud.Aws.Iam.CreateInstanceProfileAsync(new CreateInstanceProfileRequest { InstanceProfileName = "existing-profile" });
        await cloud.Aws.Iam.AddRoleToInstanceProfileAsync(new InstanceProfileRoleRequest { InstanceProfileName = "existing-profile", RoleName = role });
        PulumiFn Imported(CustomResourceOptions? options) => PulumiFn.Create(() =>
        {
            new InstanceProfile("existing", new InstanceProfileArgs { Name = "existing-profile", Role = role }, options);
        });
        var import = await cloud.StackAsync("instance-profile-import", Imported(new CustomResourceOptions { ImportId = "existing-profile" }));
        (await import.UpAsync()).Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        (await import.UpAsync(new UpOptions { Program = Imported(null) })).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        await import.DestroyAsync();
        (await cloud.Aws.Iam.FindInstanceProfileAsync("existing-profile")).ShouldBeNull();
        await cloud.Aws.Iam.DeleteRoleAsync(role);
    }
}
