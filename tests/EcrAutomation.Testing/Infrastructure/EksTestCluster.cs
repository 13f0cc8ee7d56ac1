using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using k8s;
using k8s.Models;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>EKS clusters of the local cloud made directly through the EKS API, and clients of their Kubernetes API.</summary>
public static class EksTestCluster
{
    /// <summary>Creates a cluster (no node groups) and waits until it is ACTIVE.</summary>
    public static async Task<EksCluster> CreateAsync(AwsConnection aws, string name)
    {
        await aws.Eks.CreateClusterAsync(new CreateEksClusterRequest
        {
            Name = name,
            RoleArn = "arn:aws:iam::123456789012:role/eks",
            ResourcesVpcConfig = new VpcConfigRequest { SubnetIds = ["subnet-aaaa1111", "subnet-bbbb2222"] },
        });
        return await aws.Eks.WaitForClusterActiveAsync(name, new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMinutes(2) });
    }

    /// <summary>A client of the cluster's API trusting only its CA, with a token made like <c>aws eks get-token</c>'s.</summary>
    public static async Task<Kubernetes> ClientAsync(AwsConnection aws, EksCluster cluster) => new(new KubernetesClientConfiguration
    {
        Host = cluster.Endpoint,
        AccessToken = await EksToken.CreateAsync(aws, cluster.Name!),
        SslCaCerts = [X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(cluster.CertificateAuthority!.Data!)))],
    });

    /// <summary>A Deployment of one replica of <paramref name="image"/> whose container is named like the Deployment.</summary>
    public static V1Deployment Deployment(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
            },
        },
    };
}
