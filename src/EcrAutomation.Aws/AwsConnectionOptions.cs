using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Aws;

/// <summary>
/// Explicit overrides for region, credentials and endpoints. Anything left null is resolved through
/// AWSSDK.Core's standard chain (environment, shared profiles incl. SSO, container and instance roles).
/// </summary>
/// <remarks><see cref="ToString"/> never prints the secret key or the session token.</remarks>
public sealed record AwsConnectionOptions
{
    /// <summary>Region, e.g. <c>us-east-1</c>. Null: <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the profile, instance metadata.</summary>
    public string? Region { get; init; }

    /// <summary>Shared-config profile name. Null: <c>AWS_PROFILE</c> or <c>default</c> through the SDK chain.</summary>
    public string? Profile { get; init; }

    /// <summary>Static access key id; used only together with <see cref="SecretKey"/>.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Static secret access key. Secret: never logged.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Optional session token for temporary credentials. Secret: never logged.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Endpoint URL for every service (like <c>AWS_ENDPOINT_URL</c>), e.g. a local stand-in.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Endpoint URL per service key (see <see cref="AwsServiceInfo.Key"/> and its aliases); wins over <see cref="Endpoint"/>.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// pulumi-aws' <c>aws:skipMetadataApiCheck</c>: never ask the EC2 instance metadata service for the region. Default
    /// false. (Credentials come from it only through the SDK chain, when no keys or profile are configured.)
    /// </summary>
    public bool SkipMetadataApiCheck { get; init; }

    /// <summary>
    /// pulumi-aws' <c>aws:skipCredentialsValidation</c>. Accepted for compatibility: this library never validates
    /// credentials with STS up front (a bad key fails the first call that uses it), so it changes nothing.
    /// </summary>
    public bool SkipCredentialsValidation { get; init; }

    /// <summary>Retry, timeout and backoff settings.</summary>
    public AwsRetryOptions Retry { get; init; } = new();

    /// <summary>Optional logger factory; the library logs retries and waits, never secrets.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Clock used for request signing, backoff and waiters.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Reads environment variables; replaceable for tests.</summary>
    internal Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Builds options from stack configuration values (plain strings, secrets already decrypted):
    /// <c>aws:region</c>, <c>aws:profile</c>, <c>aws:accessKey</c>, <c>aws:secretKey</c>, <c>aws:token</c>,
    /// <c>aws:endpoint</c> (all services), <c>aws:endpoints:&lt;service&gt;</c> (one service), <c>aws:maxRetries</c>,
    /// <c>aws:skipMetadataApiCheck</c> and <c>aws:skipCredentialsValidation</c>. The Pulumi provider form
    /// <c>aws:endpoints</c> = <c>[{"ecr":"http://..."}]</c> is accepted too.
    /// </summary>
    /// <exception cref="ArgumentException">An endpoint is not an absolute http(s) URL or names an unknown service, aws:maxRetries is not a number of retries, or a skip setting is not true or false.</exception>
    public static AwsConnectionOptions FromStackConfig(IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? Get(string key) => config.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var endpoints = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        const string prefix = "aws:endpoints:";
        foreach (var (key, value) in config)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                AddEndpoint(endpoints, key[prefix.Length..], value);
            }
        }

        if (Get("aws:endpoints") is { } list)
        {
            AddEndpointList(endpoints, list);
        }

        return new AwsConnectionOptions
        {
            Region = Get("aws:region"),
            Profile = Get("aws:profile"),
            AccessKey = Get("aws:accessKey"),
            SecretKey = Get("aws:secretKey"),
            SessionToken = Get("aws:token"),
            Endpoint = Get("aws:endpoint") is { } e ? ParseEndpoint("aws:endpoint", e) : null,
            Endpoints = endpoints,
            SkipMetadataApiCheck = Get("aws:skipMetadataApiCheck") is { } skipMetadata && ParseBoolean("aws:skipMetadataApiCheck", skipMetadata),
            SkipCredentialsValidation = Get("aws:skipCredentialsValidation") is { } skipValidation && ParseBoolean("aws:skipCredentialsValidation", skipValidation),
            Retry = Get("aws:maxRetries") is { } retries ? new AwsRetryOptions { MaxAttempts = ParseMaxRetries(retries) + 1 } : new AwsRetryOptions(),
        };
    }

    private static bool ParseBoolean(string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw new ArgumentException($"{key} must be true or false, not '{value}'.");

    private static int ParseMaxRetries(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var retries) && retries <= 100
            ? retries
            : throw new ArgumentException($"aws:maxRetries must be a whole number from 0 to 100, not '{value}'.");

    private static void AddEndpointList(Dictionary<string, Uri> endpoints, string json)
    {
        using var doc = JsonDocument.Parse(json);
        IEnumerable<JsonElement> items = doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().ToList()
            : [doc.RootElement];
        foreach (var item in items)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    AddEndpoint(endpoints, property.Name, property.Value.GetString()!);
                }
            }
        }
    }

    private static void AddEndpoint(Dictionary<string, Uri> endpoints, string serviceKey, string url)
    {
        var service = AwsServiceInfo.Find(serviceKey)
            ?? throw new ArgumentException($"Unknown service '{serviceKey}' in aws:endpoints; known: {string.Join(", ", AwsServiceInfo.All.Select(s => s.Key))}.");
        endpoints[service.Key] = ParseEndpoint("aws:endpoints:" + serviceKey, url);
    }

    internal static Uri ParseEndpoint(string source, string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{source} must be an absolute http or https URL, got '{url}'.");
        }

        return uri;
    }

    /// <summary>Prints the options with the secret key and session token redacted.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Region = ").Append(Region)
            .Append(", Profile = ").Append(Profile)
            .Append(", AccessKey = ").Append(AccessKey)
            .Append(", SecretKey = ").Append(SecretKey is null ? "" : "***")
            .Append(", SessionToken = ").Append(SessionToken is null ? "" : "***")
            .Append(", Endpoint = ").Append(Endpoint)
            .Append(", Endpoints = [").Append(string.Join(", ", Endpoints.Select(e => $"{e.Key}={e.Value}"))).Append(']');
        return true;
    }
}
