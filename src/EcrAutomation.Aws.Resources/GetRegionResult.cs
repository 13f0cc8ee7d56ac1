using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>What <see cref="GetRegion"/> answers (pulumi-aws's <c>GetRegionResult</c> members).</summary>
public sealed record GetRegionResult
{
    /// <summary>The region name, as the id.</summary>
    public required string Id { get; init; }
    /// <summary>The region name, e.g. <c>us-east-1</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The region's EC2 endpoint host, e.g. <c>ec2.us-east-1.amazonaws.com</c>.</summary>
    public required string Endpoint { get; init; }

    internal static GetRegionResult From(PropertyMap map) => new() { Id = map.GetString("id")!, Name = map.GetString("name")!, Endpoint = map.GetString("endpoint")! };
}
