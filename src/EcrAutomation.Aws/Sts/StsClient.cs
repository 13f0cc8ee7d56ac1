using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Sts;

/// <summary>Facade over AWSSDK.SecurityToken, configured from the same connection.</summary>
public sealed class StsClient : IDisposable
{
    private readonly AmazonSecurityTokenServiceClient _client;
    private readonly AwsRequestExecutor _executor;

    internal StsClient(AwsConnection connection, AwsRequestExecutor executor)
    {
        _executor = executor;
        _client = new AmazonSecurityTokenServiceClient(
            connection.SdkCredentials, SdkConfig.Configure(new AmazonSecurityTokenServiceConfig(), connection, AwsServiceInfo.Sts));
    }

    /// <summary>GetCallerIdentity.</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
    {
        var response = await _executor.ExecuteAsync(
            AwsServiceInfo.Sts, "GetCallerIdentity",
            ct => _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct), cancellationToken).ConfigureAwait(false);
        return new CallerIdentity(response.Account, response.Arn, response.UserId);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
