using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Eks;

/// <summary>
/// The kubeconfig pulumi-eks writes (its <c>generateKubeconfig</c>): one cluster <c>kubernetes</c> with the endpoint and CA,
/// one context and user <c>aws</c>, and exec credentials from <c>aws --region &lt;r&gt; eks get-token --cluster-name
/// &lt;name&gt; --output json</c> (plus <c>--role</c> and, in the variant for the component's own provider, <c>--profile</c>).
/// It holds no secret: the token is made on each use from the caller's own AWS credentials.
/// </summary>
internal sealed record Kubeconfig(string ClusterName, string Endpoint, string? CertificateAuthorityData, string Region, string? RoleArn, string? ProfileName)
{
    /// <summary>The value <c>KUBERNETES_EXEC_INFO</c> gets, byte for byte as pulumi-eks writes it.</summary>
    internal const string ExecInfo = """{"apiVersion": "client.authentication.k8s.io/v1beta1"}""";

    /// <summary>The region of an ARN (its fourth field), as pulumi-eks' <c>getRegionFromArn</c>.</summary>
    /// <exception cref="ArgumentException">The text is not an ARN.</exception>
    public static string RegionOf(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length < 4 || parts[0] != "arn") throw new ArgumentException($"Invalid ARN: '{arn}'", nameof(arn));
        return parts[3];
    }

    /// <summary>The <c>aws</c> arguments that print a token: region, cluster, output format, then role and profile when set.</summary>
    public IReadOnlyList<string> TokenArguments(bool includeProfile)
    {
        List<string> args = ["--region", Region, "eks", "get-token", "--cluster-name", ClusterName, "--output", "json"];
        if (RoleArn is not null) args.AddRange(["--role", RoleArn]);
        if (includeProfile && ProfileName is not null) args.AddRange(["--profile", ProfileName]);
        return args;
    }

    /// <summary>The document with pulumi-eks' key order (what <c>kubeconfigJson</c> and the provider's <c>kubeconfig</c> are).</summary>
    public JsonObject ToJson(bool includeProfile)
    {
        var cluster = new JsonObject { ["server"] = Endpoint };
        if (CertificateAuthorityData is not null) cluster["certificate-authority-data"] = CertificateAuthorityData;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["clusters"] = new JsonArray(new JsonObject { ["cluster"] = cluster, ["name"] = "kubernetes" }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["context"] = new JsonObject { ["cluster"] = "kubernetes", ["user"] = "aws" },
                ["name"] = "aws",
            }),
            ["current-context"] = "aws",
            ["kind"] = "Config",
            ["users"] = new JsonArray(new JsonObject
            {
                ["name"] = "aws",
                ["user"] = new JsonObject
                {
                    ["exec"] = new JsonObject
                    {
                        ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
                        ["command"] = "aws",
                        ["args"] = new JsonArray([.. TokenArguments(includeProfile).Select(a => JsonValue.Create(a))]),
                        ["env"] = new JsonArray(new JsonObject { ["name"] = "KUBERNETES_EXEC_INFO", ["value"] = ExecInfo }),
                    },
                },
            }),
        };
    }

    /// <summary>The document as JSON text, escaped as JavaScript's <c>JSON.stringify</c> does (<c>\"</c>, not <c>\u0022</c>).</summary>
    public string ToJsonText(bool includeProfile) => ToJson(includeProfile).ToJsonString(JsonText);

    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as plain values (dictionaries, arrays, strings): what <c>Output&lt;object&gt;</c> carries and stack outputs record.</summary>
    public ImmutableDictionary<string, object?> ToObject(bool includeProfile) => (ImmutableDictionary<string, object?>)Plain(ToJson(includeProfile))!;

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToImmutableDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        JsonArray a => a.Select(Plain).ToImmutableArray(),
        JsonValue v => v.GetValue<string>(),
        _ => null,
    };
}
