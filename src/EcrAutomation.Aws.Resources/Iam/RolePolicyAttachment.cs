namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>A managed policy attached to a role (<c>aws:iam/rolePolicyAttachment:RolePolicyAttachment</c>).</summary>
[ResourceType(RolePolicyAttachmentProvider.Type)]
public sealed class RolePolicyAttachment : CustomResource
{
    /// <summary>Declares the attachment; <c>up</c> attaches the managed policy to the role and <c>destroy</c> detaches it.</summary>
    public RolePolicyAttachment(string name, RolePolicyAttachmentArgs args, CustomResourceOptions? options = null)
        : base(RolePolicyAttachmentProvider.Type, name, args, options) { }

    /// <summary>The role name.</summary>
    [Output("role")] public Output<string> Role { get; private set; } = null!;
    /// <summary>The attached policy's ARN.</summary>
    [Output("policyArn")] public Output<string> PolicyArn { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="RolePolicyAttachment"/>.</summary>
public sealed class RolePolicyAttachmentArgs : ResourceArgs
{
    /// <summary>The name of the role; changing it replaces the attachment.</summary>
    [Input("role", required: true)] public Input<string>? Role { get; set; }
    /// <summary>The ARN of the managed policy, e.g. <c>arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy</c>; changing it replaces the attachment.</summary>
    [Input("policyArn", required: true)] public Input<string>? PolicyArn { get; set; }
}
