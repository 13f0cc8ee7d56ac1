namespace EcrAutomation.Aws.Resources;

/// <summary>The <c>aws:*</c> part of a stack configuration: what <see cref="AwsConnection.FromStackConfig"/> reads.</summary>
public static class AwsConfig
{
    private const string Prefix = "aws:";

    /// <summary>The <c>aws:*</c> keys of <paramref name="config"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Where(kv => kv.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>The <c>aws:*</c> keys of the running program's stack configuration.</summary>
    /// <exception cref="InvalidOperationException">Called outside a running program.</exception>
    public static IReadOnlyDictionary<string, string> OfProgram() => new Config("aws").GetAll();
}
