using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// pulumi-aws's <c>aws.getRegion</c> (<c>aws:index/getRegion:getRegion</c>): the connection's region (or, with a <c>name</c>
/// argument, that region) and its EC2 endpoint. Makes no AWS call.
/// </summary>
public static class GetRegion
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:index/getRegion:getRegion";

    /// <summary>The region of <paramref name="connection"/>, or of the running program when it is null.</summary>
    public static Task<GetRegionResult> InvokeAsync(AwsConnection? connection = null) => Task.FromResult(GetRegionResult.From(Run(connection ?? AwsConnections.ForProgram(), PropertyMap.Empty)));

    internal static PropertyMap Run(AwsConnection connection, PropertyMap args)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var name = args.GetString("name") ?? args.GetString("region") ?? connection.Region;
        var dnsSuffix = GetPartition.Run(connection).GetString("dnsSuffix");
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(name))
            .Set("name", PropertyValue.Of(name))
            .Set("region", PropertyValue.Of(name))
            .Set("endpoint", PropertyValue.Of($"ec2.{name}.{dnsSuffix}"));
    }
}
