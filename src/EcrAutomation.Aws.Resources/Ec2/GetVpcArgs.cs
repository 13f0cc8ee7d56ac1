using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>Arguments of <see cref="GetVpc"/> (pulumi-aws names); every one given must match.</summary>
public sealed record GetVpcArgs
{
    /// <summary>True for the region's default VPC.</summary>
    public bool? Default { get; init; }
    /// <summary>The VPC id.</summary>
    public string? Id { get; init; }
    /// <summary>The VPC's primary IPv4 range.</summary>
    public string? CidrBlock { get; init; }
    /// <summary><c>pending</c> or <c>available</c>.</summary>
    public string? State { get; init; }
    /// <summary>Tags the VPC has.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    /// <summary>Further DescribeVpcs filters.</summary>
    public IReadOnlyList<GetVpcFilterArgs>? Filters { get; init; }

    internal PropertyMap ToMap()
    {
        var map = PropertyMap.Empty;
        if (Default is { } isDefault) map = map.Set("default", PropertyValue.Of(isDefault));
        if (Id is not null) map = map.Set("id", PropertyValue.Of(Id));
        if (CidrBlock is not null) map = map.Set("cidrBlock", PropertyValue.Of(CidrBlock));
        if (State is not null) map = map.Set("state", PropertyValue.Of(State));
        if (Tags is not null) map = map.Set("tags", Props.Map(Tags));
        if (Filters is not null) map = map.Set("filters", PropertyValue.Of(Filters.Select(f => PropertyValue.Of(PropertyMap.Empty.Set("name", PropertyValue.Of(f.Name)).Set("values", Props.Strings(f.Values))))));
        return map;
    }
}
