using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// pulumi-aws's <c>aws.getPartition</c> (<c>aws:index/getPartition:getPartition</c>): the partition of the connection's region
/// (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...), for building ARNs such as managed policy ARNs. Makes no AWS call.
/// </summary>
public static class GetPartition
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:index/getPartition:getPartition";

    /// <summary>The partition of <paramref name="connection"/>'s region, or the running program's when it is null.</summary>
    public static Task<GetPartitionResult> InvokeAsync(AwsConnection? connection = null) => Task.FromResult(GetPartitionResult.From(Run(connection ?? AwsConnections.ForProgram())));

    internal static PropertyMap Run(AwsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var region = connection.Region;
        var (partition, dnsSuffix) = region switch
        {
            _ when region.StartsWith("cn-", StringComparison.Ordinal) => ("aws-cn", "amazonaws.com.cn"),
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => ("aws-us-gov", "amazonaws.com"),
            _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => ("aws-iso", "c2s.ic.gov"),
            _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => ("aws-iso-b", "sc2s.sgov.gov"),
            _ => ("aws", "amazonaws.com"),
        };
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(partition))
            .Set("partition", PropertyValue.Of(partition))
            .Set("dnsSuffix", PropertyValue.Of(dnsSuffix))
            .Set("reverseDnsPrefix", PropertyValue.Of(string.Join('.', dnsSuffix.Split('.').Reverse())));
    }
}
