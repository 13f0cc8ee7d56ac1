using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>An IAM role (<c>aws:iam/role:Role</c>).</summary>
[ResourceType(RoleProvider.Type)]
public sealed class Role : CustomResource
{
    /// <summary>Declares the role; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="RoleArgs.Name"/> is set).</summary>
    public Role(string name, RoleArgs args, CustomResourceOptions? options = null) : base(RoleProvider.Type, name, args, options) { }

    /// <summary>The role's ARN: what task definitions and policies reference.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The role name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> RoleName { get; private set; } = null!;
    /// <summary>The stable unique id IAM gives the role.</summary>
    [Output("uniqueId")] public Output<string> UniqueId { get; private set; } = null!;
    /// <summary>The trust policy JSON in canonical form.</summary>
    [Output("assumeRolePolicy")] public Output<string> AssumeRolePolicy { get; private set; } = null!;
    /// <summary>The role's tags as IAM reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;

    /// <summary>A trust policy letting the given service principal (e.g. <c>ecs-tasks.amazonaws.com</c>) assume the role.</summary>
    public static string TrustPolicyFor(string servicePrincipal) =>
        Ecr.RepositoryPolicyProvider.Normalize(
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{servicePrincipal}}"},"Action":"sts:AssumeRole"}]}""");
}

/// <summary>Inputs of <see cref="Role"/> (pulumi-aws names).</summary>
public sealed class RoleArgs : ResourceArgs
{
    /// <summary>The role name (up to 64 characters); unset means the resource name plus a random suffix. Changing it replaces the role.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The trust policy JSON.</summary>
    [Input("assumeRolePolicy", required: true)] public Input<string>? AssumeRolePolicy { get; set; }
    /// <summary>The role's path (default <c>/</c>); changing it replaces the role.</summary>
    [Input("path")] public Input<string>? Path { get; set; }
    /// <summary>A description of the role; changing it replaces the role.</summary>
    [Input("description")] public Input<string>? Description { get; set; }
    /// <summary>Maximum session length in seconds, 3600 (default) to 43200; changing it replaces the role.</summary>
    [Input("maxSessionDuration")] public Input<int>? MaxSessionDuration { get; set; }
    /// <summary>Detach managed and delete inline policies before deleting the role.</summary>
    [Input("forceDetachPolicies")] public Input<bool>? ForceDetachPolicies { get; set; }
    /// <summary>Tags to apply to the role; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}
