using EcrAutomation.Aws.Resources.Eks;

namespace EcrAutomation.Eks;

/// <summary>
/// <c>eks:index:VpcCniAddon</c>: the <c>vpc-cni</c> managed addon wrapped in a component, as pulumi-eks makes it, so the
/// addon's URN is the same as in a pulumi-eks stack. Internal: <see cref="Cluster"/> creates it.
/// </summary>
[ResourceType(TypeToken)]
internal sealed class VpcCniAddon : ComponentResource
{
    public const string TypeToken = "eks:index:VpcCniAddon";

    public VpcCniAddon(string name, AddonArgs args, ComponentResourceOptions options)
        : base(TypeToken, name, options)
    {
        Addon = new Addon(name, args, new CustomResourceOptions { Parent = this });
        RegisterOutputs(new Dictionary<string, object?> { ["addon"] = Addon });
    }

    public Addon Addon { get; }
}
