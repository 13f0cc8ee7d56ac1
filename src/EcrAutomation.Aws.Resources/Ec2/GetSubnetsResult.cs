using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>What <see cref="GetSubnets"/> found (pulumi-aws's <c>GetSubnetsResult</c> members).</summary>
public sealed record GetSubnetsResult
{
    /// <summary>The lookup's id (the region, as pulumi-aws).</summary>
    public required string Id { get; init; }
    /// <summary>The ids of the matching subnets, sorted.</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    internal static GetSubnetsResult From(PropertyMap map) => new() { Id = map.GetString("id")!, Ids = Props.StringList(map, "ids") };
}
