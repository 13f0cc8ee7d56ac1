namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>An inline role policy (<c>aws:iam/rolePolicy:RolePolicy</c>).</summary>
[ResourceType(RolePolicyProvider.Type)]
public sealed class RolePolicy : CustomResource
{
    /// <summary>Declares the inline policy; <c>up</c> puts it on the role.</summary>
    public RolePolicy(string name, RolePolicyArgs args, CustomResourceOptions? options = null)
        : base(RolePolicyProvider.Type, name, args, options) { }

    /// <summary>The role name.</summary>
    [Output("role")] public Output<string> Role { get; private set; } = null!;
    /// <summary>The policy name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> PolicyName { get; private set; } = null!;
    /// <summary>The policy JSON in canonical form.</summary>
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RolePolicy"/>.</summary>
public sealed class RolePolicyArgs : ResourceArgs
{
    /// <summary>The name of the role to put the policy on; changing it replaces the policy.</summary>
    [Input("role", required: true)] public Input<string>? Role { get; set; }
    /// <summary>The policy name, unique within the role; unset means the resource name plus a random suffix. Changing it replaces the policy.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The IAM policy document (JSON); updated in place.</summary>
    [Input("policy", required: true)] public Input<string>? Policy { get; set; }
}
