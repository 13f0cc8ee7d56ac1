namespace EcrAutomation.LocalCloud;

/// <summary>
/// The <c>aws</c> provider configuration (Pulumi's key names) that points a stack's providers at a local cloud: its
/// endpoint for every service, its region and local credentials (and docker-build's Docker Hub mirror: the local cloud's own). Hosts pass it to a run as data (for example as the run's
/// config overrides); nothing is set in the process environment, so stacks in one process can target different clouds.
/// The local credentials are well-known constants (like LocalStack's <c>test</c>/<c>test</c>) that open nothing but a
/// local cloud, so they are plain config: a stack on the local cloud needs no secrets passphrase.
/// </summary>
public static class LocalCloudConnection
{
    /// <summary>The access key a local cloud accepts (it checks signatures, not accounts).</summary>
    public const string AccessKey = "AKIDLOCALCLOUD000000";

    /// <summary>The secret key that goes with <see cref="AccessKey"/> (well known, not a secret).</summary>
    public const string SecretKey = "local-cloud-secret";

    /// <summary>
    /// The provider config for a local cloud at <paramref name="endpoint"/>. <c>aws:region</c> and the credentials are
    /// included only when <paramref name="stackConfig"/> does not choose its own (<c>aws:region</c>; <c>aws:accessKey</c> or
    /// <c>aws:profile</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProviderConfig(Uri endpoint, string region, IReadOnlyDictionary<string, string>? stackConfig = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        bool Has(string key) => stackConfig is not null && stackConfig.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v);
        var config = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["aws:endpoint"] = endpoint.ToString(),
            ["aws:skipCredentialsValidation"] = "true",
            ["aws:skipMetadataApiCheck"] = "true",
            // The local cloud's Docker Hub mirror (library/busybox), so Dockerfiles FROM Docker Hub build offline.
            ["docker-build:dockerHubMirror"] = endpoint.GetLeftPart(UriPartial.Authority),
        };
        if (!Has("aws:region")) config["aws:region"] = region;
        if (!Has("aws:accessKey") && !Has("aws:profile"))
        {
            config["aws:accessKey"] = AccessKey;
            config["aws:secretKey"] = SecretKey;
        }
        return config;
    }

    /// <summary>The provider config for a running local cloud, from its state file; <paramref name="stackConfig"/> as above.</summary>
    public static IReadOnlyDictionary<string, string> ProviderConfig(LocalCloudState state, IReadOnlyDictionary<string, string>? stackConfig)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ProviderConfig(state.Endpoint, state.Region, stackConfig);
    }

    /// <summary>
    /// The provider config for a local cloud started in this process, with its region and the local credentials (for a
    /// stack that chooses its own, pass its config to the <see cref="Uri"/> overload with the server's endpoint and region).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ProviderConfig(LocalCloudServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return ProviderConfig(server.Endpoint, server.Region);
    }
}
