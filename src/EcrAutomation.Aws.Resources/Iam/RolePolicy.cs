namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>An inline role policy (<c>aws:iam/rolePolicy:RolePolicy</c>).</summary>
public sealed class RolePolicy : CustomResource
{
    public RolePolicy(string name, RolePolicyArgs args, CustomResourceOptions? options = null)
        : base(RolePolicyProvider.Type, name, args, options) { }

    [Output("role")] public Output<string> Role { get; private set; } = null!;
    [Output("name")] public Output<string> PolicyName { get; private set; } = null!;
    [Output("policy")] public Output<string> Policy { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RolePolicy"/>.</summary>
public sealed class RolePolicyArgs : ResourceArgs
{
    [Input("role", required: true)] public Input<string>? Role { get; set; }
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("policy", required: true)] public Input<string>? Policy { get; set; }
}
