using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>An IAM role (<c>aws:iam/role:Role</c>).</summary>
public sealed class Role : CustomResource
{
    public Role(string name, RoleArgs args, CustomResourceOptions? options = null) : base(RoleProvider.Type, name, args, options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> RoleName { get; private set; } = null!;
    [Output("uniqueId")] public Output<string> UniqueId { get; private set; } = null!;
    [Output("assumeRolePolicy")] public Output<string> AssumeRolePolicy { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;

    /// <summary>A trust policy letting the given service principal (e.g. <c>ecs-tasks.amazonaws.com</c>) assume the role.</summary>
    public static string TrustPolicyFor(string servicePrincipal) =>
        Ecr.RepositoryPolicyProvider.Normalize(
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"{{servicePrincipal}}"},"Action":"sts:AssumeRole"}]}""");
}

/// <summary>Inputs of <see cref="Role"/> (pulumi-aws names).</summary>
public sealed class RoleArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The trust policy JSON.</summary>
    [Input("assumeRolePolicy", required: true)] public Input<string>? AssumeRolePolicy { get; set; }
    [Input("path")] public Input<string>? Path { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
    [Input("maxSessionDuration")] public Input<int>? MaxSessionDuration { get; set; }
    /// <summary>Detach managed and delete inline policies before deleting the role.</summary>
    [Input("forceDetachPolicies")] public Input<bool>? ForceDetachPolicies { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}
