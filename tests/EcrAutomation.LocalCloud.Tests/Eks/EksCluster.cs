using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Eks;

/// <summary>Test helpers for a cluster of the local EKS: the AWS CLI calls, its token and an HTTPS client that trusts only its CA.</summary>
public static class EksCluster
{
    public static Task<JsonObject> CreateAsync(string cli, Uri endpoint, string name, params string[] extra)
        => AwsCli.JsonAsync(cli, endpoint, ["eks", "create-cluster", "--name", name, "--role-arn", "arn:aws:iam::000000000000:role/eks",
            "--resources-vpc-config", "subnetIds=subnet-1,subnet-2", .. extra]);

    public static async Task<JsonObject> DescribeAsync(string cli, Uri endpoint, string name)
        => (JsonObject)(await AwsCli.JsonAsync(cli, endpoint, "eks", "describe-cluster", "--name", name))["cluster"]!;

    /// <summary>The bearer token <c>aws eks get-token</c> prints for the cluster.</summary>
    public static async Task<string> TokenAsync(string cli, Uri endpoint, string name)
        => (await AwsCli.JsonAsync(cli, endpoint, "eks", "get-token", "--cluster-name", name))["status"]!["token"]!.GetValue<string>();

    /// <summary>Runs kubectl 1.32 as a user would, in <paramref name="folder"/>, with a discovery cache of that folder's own.</summary>
    public static Task<ToolResult> KubectlAsync(string folder, params string[] arguments)
        => Tool.RunAsync(
            Tool.Require("kubectl", "kubectl"),
            arguments,
            environment: new Dictionary<string, string> { ["KUBECACHEDIR"] = Path.Combine(folder, ".kube-cache") },
            timeout: TimeSpan.FromMinutes(4),
            workingDirectory: folder);

    /// <summary>The AWS CLI with its working directory set (for relative paths such as <c>--kubeconfig ./kubeconfig</c>).</summary>
    public static Task<ToolResult> AwsInAsync(string cli, Uri endpoint, string folder, params string[] arguments)
        => Tool.RunAsync(AwsCli.Path(cli), ["--endpoint-url", endpoint.ToString().TrimEnd('/'), .. arguments], workingDirectory: folder);

    /// <summary>The manifest of "What a user does": a Deployment of two replicas behind a LoadBalancer Service.</summary>
    public static string DeploymentAndService(string image, string name = "my-app", int replicas = 2) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: app
                image: {image}
                ports:
                - containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          type: LoadBalancer
          selector:
            app: {name}
          ports:
          - port: 80
            targetPort: 8080
        """;

    /// <summary>An HTTPS client that accepts the server only if its certificate chains to <paramref name="caBase64Pem"/> and names 127.0.0.1.</summary>
    public static HttpClient TrustingOnly(string caBase64Pem, string? token = null)
    {
        var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(caBase64Pem)));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
