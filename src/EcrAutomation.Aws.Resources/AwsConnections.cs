using System.Collections.Concurrent;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// One <see cref="AwsConnection"/> per distinct AWS configuration (the stack's <c>aws:*</c> keys), shared by all providers
/// of a process, so credentials are resolved once and HTTP connections are pooled.
/// </summary>
public static class AwsConnections
{
    private static readonly ConcurrentDictionary<string, Lazy<AwsConnection>> Cache = new(StringComparer.Ordinal);

    /// <summary>The connection for the provider request's stack configuration.</summary>
    public static AwsConnection For(ProviderRequest request) => For(request.Config);

    /// <summary>The connection for a stack configuration.</summary>
    public static AwsConnection For(IReadOnlyDictionary<string, string> config)
    {
        var aws = config.Where(kv => kv.Key.StartsWith("aws:", StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var key = string.Join("\n", aws.Select(kv => kv.Key + "=" + kv.Value));
        var dictionary = aws.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        try
        {
            return Cache.GetOrAdd(key, _ => new Lazy<AwsConnection>(() => AwsConnection.FromStackConfig(dictionary))).Value;
        }
        catch (AwsConfigurationException e)
        {
            Cache.TryRemove(key, out _);
            throw new ResourceProviderException($"{e.Message} To deploy to the local cloud instead, set the stack config 'ecr-automation:cloud' to 'local'.", e);
        }
    }
}
