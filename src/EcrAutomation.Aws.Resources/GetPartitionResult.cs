using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>What <see cref="GetPartition"/> answers (pulumi-aws's <c>GetPartitionResult</c> members).</summary>
public sealed record GetPartitionResult
{
    /// <summary>The partition, as the id.</summary>
    public required string Id { get; init; }
    /// <summary><c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...: the second field of ARNs.</summary>
    public required string Partition { get; init; }
    /// <summary>The partition's DNS suffix, e.g. <c>amazonaws.com</c>.</summary>
    public required string DnsSuffix { get; init; }
    /// <summary>The DNS suffix reversed, e.g. <c>com.amazonaws</c>.</summary>
    public required string ReverseDnsPrefix { get; init; }

    internal static GetPartitionResult From(PropertyMap map) => new()
    {
        Id = map.GetString("id")!,
        Partition = map.GetString("partition")!,
        DnsSuffix = map.GetString("dnsSuffix")!,
        ReverseDnsPrefix = map.GetString("reverseDnsPrefix")!,
    };
}
