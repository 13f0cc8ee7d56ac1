using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An EC2 security group (<c>aws:ec2/securityGroup:SecurityGroup</c>).</summary>
[ResourceType(SecurityGroupProvider.Type)]
public sealed class SecurityGroup : CustomResource
{
    /// <summary>Declares the security group; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="SecurityGroupArgs.Name"/> is set).</summary>
    public SecurityGroup(string name, SecurityGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(SecurityGroupProvider.Type, name, args ?? new SecurityGroupArgs(), options) { }

    /// <summary>The security group's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The group name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> GroupName { get; private set; } = null!;
    /// <summary>The VPC the group is in.</summary>
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    /// <summary>The account that owns the group.</summary>
    [Output("ownerId")] public Output<string> OwnerId { get; private set; } = null!;
    /// <summary>The group's tags as EC2 reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="SecurityGroup"/>.</summary>
public sealed class SecurityGroupArgs : ResourceArgs
{
    /// <summary>The group name; unset means the resource name plus a random suffix. Changing it replaces the group.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The group description (EC2 cannot change it: changing it replaces the group). Default <c>Managed by Pulumi</c>.</summary>
    [Input("description")] public Input<string>? Description { get; set; }
    /// <summary>The VPC to create the group in; unset means the region's default VPC. Changing it replaces the group.</summary>
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    /// <summary>
    /// Inbound rules; when set, the group holds exactly these (rules added outside the program, or by
    /// <see cref="SecurityGroupRule"/> resources, are removed on the next update). Unset: the group's inbound rules are not
    /// managed here, which is how <see cref="SecurityGroupRule"/> resources are used.
    /// </summary>
    [Input("ingress")] public InputList<SecurityGroupIngressArgs>? Ingress { get; set; }
    /// <summary>
    /// Outbound rules; when set, the group holds exactly these. Unset: not managed here. Either way the allow-all rule EC2
    /// adds to a new group is removed, as pulumi-aws does, so a group without egress rules sends nothing.
    /// </summary>
    [Input("egress")] public InputList<SecurityGroupEgressArgs>? Egress { get; set; }
    /// <summary>
    /// Revoke every rule of the group before deleting it: needed when two groups' rules reference each other, which EC2
    /// refuses to delete otherwise (pulumi-eks sets it on its cluster and node groups). Default false.
    /// </summary>
    [Input("revokeRulesOnDelete")] public Input<bool>? RevokeRulesOnDelete { get; set; }
    /// <summary>Tags to apply to the group; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

