using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// The <see cref="AwsConnection"/> of a deployment run for one AWS configuration (the stack's <c>aws:*</c> keys): created
/// once per run and configuration, so credentials are resolved once and HTTP connections pooled within the run, and
/// disposed with the run's <see cref="DeploymentScope"/>. Two runs never share a connection.
/// </summary>
public static class AwsConnections
{
    private const string KeyPrefix = "aws-connection\n";

    /// <summary>The connection for the provider request's run and stack configuration.</summary>
    /// <exception cref="ResourceProviderException">The configuration names no usable region, profile or credentials.</exception>
    public static AwsConnection For(ProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return For(request.Scope, request.Config);
    }

    /// <summary>The connection of the running program's deployment for its stack configuration (program-time lookups).</summary>
    /// <exception cref="InvalidOperationException">Called outside a running program.</exception>
    public static AwsConnection ForProgram() =>
        For(DeploymentScope.Current ?? throw new InvalidOperationException("AWS lookups from a program need a running deployment (call this inside a program)"),
            AwsConfig.OfProgram());

    /// <summary>The connection of <paramref name="scope"/> for a stack configuration.</summary>
    /// <exception cref="ResourceProviderException">The configuration names no usable region, profile or credentials.</exception>
    public static AwsConnection For(DeploymentScope scope, IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var aws = AwsConfig.Of(config);
        var key = KeyPrefix + string.Join("\n", aws.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        try
        {
            return scope.GetOrAdd(key, () => AwsConnection.FromStackConfig(aws));
        }
        catch (AwsConfigurationException e)
        {
            throw new ResourceProviderException($"{e.Message} To deploy to the local cloud instead, set the stack config 'ecr-automation:cloud' to 'local' (CLI), or give the run a local cloud's aws config (LocalCloudConnection.ProviderConfig, as UpdateOptions.ConfigOverrides).", e);
        }
    }
}
