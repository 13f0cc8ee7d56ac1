using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using EcrAutomation.Aws.Auth;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Http;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Logs;
using EcrAutomation.Aws.Sts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrAutomation.Aws;

/// <summary>
/// One resolved AWS account/region context: region, credentials (AWSSDK.Core chain or explicit), endpoints per
/// service, one pooled HttpClient and the retry pipeline. Hands out the typed service clients. Thread-safe.
/// </summary>
public sealed class AwsConnection : IDisposable
{
    private readonly HttpClient _httpClient;
    private readonly Lazy<AWSCredentials> _sdkCredentials;
    private readonly Lazy<EcrClient> _ecr;
    private readonly Lazy<EcsClient> _ecs;
    private readonly Lazy<IamClient> _iam;
    private readonly Lazy<ElbClient> _elb;
    private readonly Lazy<LogsClient> _logs;
    private readonly Lazy<EksClient> _eks;
    private readonly Lazy<Ec2Client> _ec2;
    private readonly Lazy<StsClient> _sts;

    private AwsConnection(AwsConnectionOptions options, string region, Func<AWSCredentials> credentials)
    {
        Options = options;
        Region = region;
        _sdkCredentials = new Lazy<AWSCredentials>(credentials, LazyThreadSafetyMode.PublicationOnly); // a failed resolution is retried next time
        _httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-attempt and total timeouts come from the retry pipeline
        };
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Executor = new AwsRequestExecutor(this, _httpClient, loggerFactory.CreateLogger("EcrAutomation.Aws"));
        _ecr = new(() => new EcrClient(Executor));
        _ecs = new(() => new EcsClient(Executor));
        _iam = new(() => new IamClient(Executor));
        _elb = new(() => new ElbClient(Executor));
        _logs = new(() => new LogsClient(Executor));
        _eks = new(() => new EksClient(Executor));
        _ec2 = new(() => new Ec2Client(this, Executor));
        _sts = new(() => new StsClient(this, Executor));
    }

    /// <summary>The options this connection was created from.</summary>
    public AwsConnectionOptions Options { get; }

    /// <summary>The resolved region.</summary>
    public string Region { get; }

    /// <summary>ECR client.</summary>
    public EcrClient Ecr => _ecr.Value;

    /// <summary>ECS client.</summary>
    public EcsClient Ecs => _ecs.Value;

    /// <summary>IAM client.</summary>
    public IamClient Iam => _iam.Value;

    /// <summary>ELBv2 client.</summary>
    public ElbClient Elb => _elb.Value;

    /// <summary>CloudWatch Logs client.</summary>
    public LogsClient Logs => _logs.Value;

    /// <summary>EKS client.</summary>
    public EksClient Eks => _eks.Value;

    /// <summary>EC2 facade over AWSSDK.EC2.</summary>
    public Ec2Client Ec2 => _ec2.Value;

    /// <summary>STS facade over AWSSDK.SecurityToken.</summary>
    public StsClient Sts => _sts.Value;

    internal AwsRequestExecutor Executor { get; }

    /// <summary>The AWSSDK.Core credentials object (shared with the EC2 and STS SDK clients).</summary>
    internal AWSCredentials SdkCredentials => _sdkCredentials.Value;

    /// <summary>Resolves region now and prepares lazy credential resolution.</summary>
    /// <exception cref="AwsConfigurationException">No region can be found, or the named profile does not exist.</exception>
    public static AwsConnection Create(AwsConnectionOptions? options = null)
    {
        options ??= new AwsConnectionOptions();
        if ((options.AccessKey is null) != (options.SecretKey is null))
        {
            throw new AwsConfigurationException("Both an access key and a secret key are needed when either is given.");
        }

        CredentialProfile? profile = null;
        if (options.Profile is { } profileName && options.AccessKey is null)
        {
            if (!new CredentialProfileStoreChain().TryGetProfile(profileName, out profile))
            {
                throw new AwsConfigurationException($"AWS profile '{profileName}' was not found in the shared config or credentials files.");
            }
        }

        var region = ResolveRegion(options, profile);
        Func<AWSCredentials> credentials = () => ResolveCredentials(options, profile);
        return new AwsConnection(options, region, credentials);
    }

    /// <summary>Shortcut for <see cref="Create"/> with <see cref="AwsConnectionOptions.FromStackConfig"/>.</summary>
    public static AwsConnection FromStackConfig(IReadOnlyDictionary<string, string> config) =>
        Create(AwsConnectionOptions.FromStackConfig(config));

    /// <summary>
    /// The endpoint for <paramref name="service"/>: explicit per-service, explicit global, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
    /// <c>AWS_ENDPOINT_URL</c>, then the public AWS endpoint for the region.
    /// </summary>
    public Uri ResolveEndpoint(AwsServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        foreach (var key in service.Aliases.Prepend(service.Key))
        {
            if (Options.Endpoints.TryGetValue(key, out var explicitEndpoint))
            {
                return explicitEndpoint;
            }
        }

        if (Options.Endpoint is { } global)
        {
            return global;
        }

        var env = Options.GetEnvironmentVariable;
        if (!string.Equals(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            if (env("AWS_ENDPOINT_URL_" + service.EnvironmentSuffix) is { Length: > 0 } serviceUrl)
            {
                return AwsConnectionOptions.ParseEndpoint("AWS_ENDPOINT_URL_" + service.EnvironmentSuffix, serviceUrl);
            }

            if (env("AWS_ENDPOINT_URL") is { Length: > 0 } url)
            {
                return AwsConnectionOptions.ParseEndpoint("AWS_ENDPOINT_URL", url);
            }
        }

        var suffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        if (service.IsGlobal)
        {
            return Region.StartsWith("cn-", StringComparison.Ordinal) ? new Uri($"https://iam.cn-north-1.{suffix}/")
                : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? new Uri("https://iam.us-gov.amazonaws.com/")
                : new Uri("https://iam.amazonaws.com/");
        }

        return new Uri($"https://{service.EndpointPrefix}.{Region}.{suffix}/");
    }

    /// <summary>The region used in the SigV4 scope for <paramref name="service"/> (IAM signs with its partition's global region).</summary>
    public string SigningRegion(AwsServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!service.IsGlobal)
        {
            return Region;
        }

        return Region.StartsWith("cn-", StringComparison.Ordinal) ? "cn-north-1"
            : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "us-gov-west-1"
            : "us-east-1";
    }

    /// <summary>Current credentials (refreshed by the SDK provider when they expire).</summary>
    /// <exception cref="AwsConfigurationException">No credentials can be resolved.</exception>
    public async Task<AwsSigningCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ImmutableCredentials resolved;
        try
        {
            resolved = await SdkCredentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonClientException ex)
        {
            // The SDK's message names the providers it tried; it never contains key material.
            throw new AwsConfigurationException("AWS credentials could not be resolved: " + ex.Message, ex);
        }

        return new AwsSigningCredentials(resolved.AccessKey, resolved.SecretKey, string.IsNullOrEmpty(resolved.Token) ? null : resolved.Token);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ec2.IsValueCreated)
        {
            _ec2.Value.Dispose();
        }

        if (_sts.IsValueCreated)
        {
            _sts.Value.Dispose();
        }

        _httpClient.Dispose();
    }

    private static string ResolveRegion(AwsConnectionOptions options, CredentialProfile? profile)
    {
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            return options.Region.Trim();
        }

        if (profile?.Region is { } profileRegion)
        {
            return profileRegion.SystemName;
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (options.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                return value.Trim();
            }
        }

        try
        {
            // The SDK's fallback ends with the instance metadata service, which aws:skipMetadataApiCheck rules out.
            if (!options.SkipMetadataApiCheck && FallbackRegionFactory.GetRegionEndpoint() is { } endpoint)
            {
                return endpoint.SystemName;
            }
        }
        catch (AmazonClientException)
        {
            // fall through to the error below
        }

        throw new AwsConfigurationException(
            "No AWS region configured: set aws:region, AWS_REGION or a region in the shared config profile.");
    }

    private static AWSCredentials ResolveCredentials(AwsConnectionOptions options, CredentialProfile? profile)
    {
        if (options.AccessKey is { } accessKey && options.SecretKey is { } secretKey)
        {
            return string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, options.SessionToken);
        }

        if (profile is not null)
        {
            if (!AWSCredentialsFactory.TryGetAWSCredentials(profile, new CredentialProfileStoreChain(), out var profileCredentials))
            {
                throw new AwsConfigurationException($"AWS profile '{profile.Name}' has no usable credentials.");
            }

            return profileCredentials;
        }

        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException ex)
        {
            throw new AwsConfigurationException("AWS credentials could not be resolved: " + ex.Message, ex);
        }
    }
}
