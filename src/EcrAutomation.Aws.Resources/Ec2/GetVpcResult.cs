using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>The VPC <see cref="GetVpc"/> found (pulumi-aws's <c>GetVpcResult</c> members).</summary>
public sealed record GetVpcResult
{
    /// <summary>The VPC id, <c>vpc-…</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The VPC's ARN.</summary>
    public required string Arn { get; init; }
    /// <summary>The primary IPv4 range.</summary>
    public string? CidrBlock { get; init; }
    /// <summary>True for the region's default VPC.</summary>
    public bool Default { get; init; }
    /// <summary><c>pending</c> or <c>available</c>.</summary>
    public string? State { get; init; }
    /// <summary>The owning account.</summary>
    public string? OwnerId { get; init; }
    /// <summary>The DHCP options set.</summary>
    public string? DhcpOptionsId { get; init; }
    /// <summary><c>default</c> or <c>dedicated</c>.</summary>
    public string? InstanceTenancy { get; init; }
    /// <summary>The VPC's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    internal static GetVpcResult From(PropertyMap map) => new()
    {
        Id = map.GetString("id")!,
        Arn = map.GetString("arn")!,
        CidrBlock = map.GetString("cidrBlock"),
        Default = map.GetBool("default") ?? false,
        State = map.GetString("state"),
        OwnerId = map.GetString("ownerId"),
        DhcpOptionsId = map.GetString("dhcpOptionsId"),
        InstanceTenancy = map.GetString("instanceTenancy"),
        Tags = Props.StringMap(map, "tags"),
    };
}
