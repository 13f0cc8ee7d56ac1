using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.Aws.Resources.Eks;
using EcrAutomation.Providers;
using EcrAutomation.Schema;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// The <c>aws</c> lookups programs and components call (Pulumi's invokes, e.g. <c>aws:ec2/getVpc:getVpc</c>), by token: each
/// takes its arguments and answers its result as property maps with pulumi-aws's names, so a program in any language (or a
/// YAML <c>fn::invoke</c>) can call them. The typed C# wrappers (<see cref="GetVpc"/>, <see cref="GetSubnets"/>,
/// <see cref="GetPartition"/>, <see cref="GetRegion"/>, <see cref="GetCallerIdentity"/>, <see cref="GetAddonVersion"/>) go
/// through here.
/// </summary>
public static class AwsFunctions
{
    private static readonly Dictionary<string, Func<AwsConnection, PropertyMap, CancellationToken, Task<PropertyMap>>> Functions = new(StringComparer.Ordinal)
    {
        [GetVpc.Token] = GetVpc.RunAsync,
        [GetSubnets.Token] = GetSubnets.RunAsync,
        [GetPartition.Token] = (connection, _, _) => Task.FromResult(GetPartition.Run(connection)),
        [GetRegion.Token] = (connection, args, _) => Task.FromResult(GetRegion.Run(connection, args)),
        [GetCallerIdentity.Token] = GetCallerIdentity.RunAsync,
        [GetAddonVersion.Token] = GetAddonVersion.RunAsync,
        [GetRepository.Token] = GetRepository.RunAsync,
        [GetAuthorizationToken.Token] = GetAuthorizationToken.RunAsync,
    };

    /// <summary>
    /// Adds every lookup to <paramref name="catalog"/> with its pulumi-aws schema, invoking through the running program's
    /// AWS connection: what YAML's <c>fn::invoke</c> calls.
    /// </summary>
    public static FunctionCatalog AddTo(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog
            .Add(FunctionInfo.FromTypes(GetVpc.Token, typeof(GetVpcArgs), typeof(GetVpcResult), Invoker(GetVpc.Token)))
            .Add(FunctionInfo.FromTypes(GetSubnets.Token, typeof(GetSubnetsArgs), typeof(GetSubnetsResult), Invoker(GetSubnets.Token)))
            .Add(FunctionInfo.FromTypes(GetPartition.Token, null, typeof(GetPartitionResult), Invoker(GetPartition.Token)))
            .Add(FunctionInfo.FromTypes(GetRegion.Token, null, typeof(GetRegionResult), Invoker(GetRegion.Token)) with
            {
                Inputs = new Dictionary<string, SchemaProperty> { ["name"] = new("name", SchemaType.String), ["region"] = new("region", SchemaType.String) },
            })
            .Add(FunctionInfo.FromTypes(GetCallerIdentity.Token, null, typeof(GetCallerIdentityResult), Invoker(GetCallerIdentity.Token)))
            .Add(FunctionInfo.FromTypes(GetAddonVersion.Token, typeof(GetAddonVersionArgs), typeof(GetAddonVersionResult), Invoker(GetAddonVersion.Token)))
            .Add(GetRepository.Info(Invoker(GetRepository.Token)))
            .Add(GetAuthorizationToken.Info(Invoker(GetAuthorizationToken.Token)));
    }

    /// <summary>Calls the lookup through the AWS connection of the program running when it is called.</summary>
    private static Func<PropertyMap, CancellationToken, Task<PropertyMap>> Invoker(string token) =>
        (args, cancellationToken) => InvokeAsync(token, args, AwsConnections.ForProgram(), cancellationToken);

    /// <summary>The tokens of the lookups this package serves.</summary>
    public static IReadOnlyCollection<string> Tokens => Functions.Keys;

    /// <summary>Runs the lookup <paramref name="token"/> with <paramref name="args"/> against <paramref name="connection"/>.</summary>
    /// <exception cref="ArgumentException">No lookup has that token.</exception>
    /// <exception cref="InvalidOperationException">The lookup's arguments are invalid or it found nothing (or too much); the message says which.</exception>
    /// <exception cref="AwsException">An AWS call failed.</exception>
    public static Task<PropertyMap> InvokeAsync(string token, PropertyMap args, AwsConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(connection);
        return Functions.TryGetValue(token, out var function)
            ? function(connection, args, cancellationToken)
            : throw new ArgumentException($"'{token}' is not an aws function this host provides; it provides: {string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal))}.", nameof(token));
    }

    /// <summary>Runs the lookup through the running program's AWS connection (its stack's <c>aws:*</c> config).</summary>
    /// <exception cref="InvalidOperationException">Called outside a running program, or the lookup failed.</exception>
    public static Task<PropertyMap> InvokeAsync(string token, PropertyMap args) => InvokeAsync(token, args, AwsConnections.ForProgram());

    /// <summary>A required string argument of a lookup.</summary>
    internal static string Required(PropertyMap args, string key, string token) =>
        args.GetString(key) ?? throw new InvalidOperationException($"{token}: the argument '{key}' is required.");

    /// <summary>EC2 filters from pulumi-aws's <c>filters: [{name, values}]</c> plus <c>tags</c> (as <c>tag:&lt;key&gt;</c> filters).</summary>
    internal static Dictionary<string, IReadOnlyList<string>> Filters(PropertyMap args)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var filter in Props.Maps(args, "filters"))
            filters[filter.GetString("name") ?? throw new InvalidOperationException("every filter needs a name (an EC2 filter name such as vpc-id).")] = Props.StringList(filter, "values");
        foreach (var (key, value) in Props.StringMap(args, "tags")) filters["tag:" + key] = [value];
        return filters;
    }
}
