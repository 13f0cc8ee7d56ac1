using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>Arguments of <see cref="GetSubnets"/> (pulumi-aws names); every one given must match.</summary>
public sealed record GetSubnetsArgs
{
    /// <summary>DescribeSubnets filters, e.g. <c>new("vpc-id", [vpcId])</c>.</summary>
    public IReadOnlyList<GetSubnetsFilterArgs>? Filters { get; init; }
    /// <summary>Tags the subnets have.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    internal PropertyMap ToMap()
    {
        var map = PropertyMap.Empty;
        if (Tags is not null) map = map.Set("tags", Props.Map(Tags));
        if (Filters is not null) map = map.Set("filters", PropertyValue.Of(Filters.Select(f => PropertyValue.Of(PropertyMap.Empty.Set("name", PropertyValue.Of(f.Name)).Set("values", Props.Strings(f.Values))))));
        return map;
    }
}
