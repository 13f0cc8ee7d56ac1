using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Iam;

/// <summary>
/// An IAM instance profile (<c>aws:iam/instanceProfile:InstanceProfile</c>, Pulumi's <c>Aws.Iam.InstanceProfile</c>): the
/// container that passes a role to EC2 instances (worker nodes launched from a launch template name it). Id = its name.
/// </summary>
[ResourceType(InstanceProfileProvider.Type)]
public sealed class InstanceProfile : CustomResource
{
    /// <summary>Declares the instance profile; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="InstanceProfileArgs.Name"/> or <see cref="InstanceProfileArgs.NamePrefix"/> is set).</summary>
    public InstanceProfile(string name, InstanceProfileArgs? args = null, CustomResourceOptions? options = null)
        : base(InstanceProfileProvider.Type, name, args ?? new InstanceProfileArgs(), options) { }

    /// <summary>The instance profile's ARN: what launch templates and instances reference.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The instance profile name (the given, prefixed or auto-generated one).</summary>
    [Output("name")] public Output<string> ProfileName { get; private set; } = null!;
    /// <summary>The path the profile was created under.</summary>
    [Output("path")] public Output<string> Path { get; private set; } = null!;
    /// <summary>The name of the role in the profile, if any.</summary>
    [Output("role")] public Output<string?> Role { get; private set; } = null!;
    /// <summary>The stable unique id IAM gives the profile.</summary>
    [Output("uniqueId")] public Output<string> UniqueId { get; private set; } = null!;
    /// <summary>When IAM created the profile (ISO 8601).</summary>
    [Output("createDate")] public Output<string> CreateDate { get; private set; } = null!;
    /// <summary>The profile's tags as IAM reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="InstanceProfile"/> (pulumi-aws names).</summary>
public sealed class InstanceProfileArgs : ResourceArgs
{
    /// <summary>The profile name (up to 128 characters); unset means <see cref="NamePrefix"/> plus a random suffix, or the resource name plus one. Changing it replaces the profile.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>A prefix for a generated name (conflicts with <see cref="Name"/>). Changing it replaces the profile.</summary>
    [Input("namePrefix")] public Input<string>? NamePrefix { get; set; }
    /// <summary>The profile's path (default <c>/</c>); changing it replaces the profile.</summary>
    [Input("path")] public Input<string>? Path { get; set; }
    /// <summary>The name of the role to put in the profile (a profile holds at most one); changed in place.</summary>
    [Input("role")] public Input<string>? Role { get; set; }
    /// <summary>Tags for the profile; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}
