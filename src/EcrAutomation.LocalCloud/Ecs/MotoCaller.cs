using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Moto;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// The local cloud's own awsJson1.1 calls into moto (task definitions for the tasks it runs, CloudWatch Logs for their
/// output), made in the credential scope of the caller who created the service, so they reach the same account's and
/// region's moto backend. They go through <see cref="MotoProxy"/>, so calls that change moto's state are journaled.
/// </summary>
internal sealed class MotoCaller(MotoProxy proxy, TimeProvider time)
{
    /// <summary>Calls <paramref name="target"/> (e.g. <c>Logs_20140328.PutLogEvents</c>) of <paramref name="service"/>
    /// (the signing name: <c>ecs</c>, <c>logs</c>); the answer's JSON, or <see cref="MotoCallException"/> with AWS's error.</summary>
    public async Task<JsonObject> CallAsync(string service, string target, JsonObject body, string accessKeyId, string region, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = [$"{service}.{region}.amazonaws.com"],
            ["Content-Type"] = ["application/x-amz-json-1.1"],
            ["X-Amz-Target"] = [target],
            ["X-Amz-Date"] = [now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)],
            ["Authorization"] = [$"AWS4-HMAC-SHA256 Credential={accessKeyId}/{now:yyyyMMdd}/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=redacted"],
        };
        var request = new MotoRequest("POST", "/", headers, Encoding.UTF8.GetBytes(body.ToJsonString()));
        using var response = await proxy.SendAsync(request, cancellationToken).ConfigureAwait(false)
            ?? throw new MotoCallException("ServiceUnavailableException", "moto_server is not available");
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        if (!response.IsSuccessStatusCode)
        {
            var type = json["__type"]?.GetValue<string>() ?? response.StatusCode.ToString();
            throw new MotoCallException(type[(type.LastIndexOf('#') + 1)..], json["message"]?.GetValue<string>() ?? json["Message"]?.GetValue<string>() ?? text);
        }

        return json;
    }
}
