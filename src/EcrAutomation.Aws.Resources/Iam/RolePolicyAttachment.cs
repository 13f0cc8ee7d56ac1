namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>A managed policy attached to a role (<c>aws:iam/rolePolicyAttachment:RolePolicyAttachment</c>).</summary>
public sealed class RolePolicyAttachment : CustomResource
{
    public RolePolicyAttachment(string name, RolePolicyAttachmentArgs args, CustomResourceOptions? options = null)
        : base(RolePolicyAttachmentProvider.Type, name, args, options) { }

    [Output("role")] public Output<string> Role { get; private set; } = null!;
    [Output("policyArn")] public Output<string> PolicyArn { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RolePolicyAttachment"/>.</summary>
public sealed class RolePolicyAttachmentArgs : ResourceArgs
{
    [Input("role", required: true)] public Input<string>? Role { get; set; }
    [Input("policyArn", required: true)] public Input<string>? PolicyArn { get; set; }
}
