using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Kubernetes.Types.Inputs.Apps.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Meta.V1;
using AppsV1 = EcrAutomation.Kubernetes.Apps.V1;
using CoreV1 = EcrAutomation.Kubernetes.Core.V1;
using Eks = EcrAutomation.Eks;

namespace EcrAutomation.Cli.Programs;

/// <summary>
/// The seed's "Consuming a Private Repository from EKS" program in C#, as its C# tab reads: a repository, an image built
/// from <c>./app</c>, an EKS cluster, a Deployment of 2 replicas of the image and a LoadBalancer Service in front of it,
/// both through the cluster's own Kubernetes provider; exports <c>url</c>, the Service's load balancer host name, and
/// <c>kubeconfig</c>, for kubectl.
/// </summary>
internal static class EksProgram
{
    public static IDictionary<string, object?> Run()
    {
        var (url, kubeconfig) = CreateResources();
        return new Dictionary<string, object?> { ["url"] = url, ["kubeconfig"] = kubeconfig };
    }

    /// <summary>Creates the seed's resources; returns the <c>url</c> and <c>kubeconfig</c> outputs.</summary>
    public static (Output<string> Url, Output<object> Kubeconfig) CreateResources()
    {
        // A private ECR repository, and the image of ./app built and published to it.
        var repo = new Repository("my-repo", new RepositoryArgs { ForceDelete = true });
        var image = ImageProgram.AppImage(repo);

        // A new EKS cluster.
        var cluster = new Eks.Cluster("eks-cluster");

        var appLabels = new InputMap<string>
        {
            { "appClass", "my-app" },
        };

        // The image as a Kubernetes Deployment, in the new cluster.
        _ = new AppsV1.Deployment("app-dep", new DeploymentArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Labels = appLabels,
            },
            Spec = new DeploymentSpecArgs
            {
                Selector = new LabelSelectorArgs
                {
                    MatchLabels = appLabels,
                },
                Replicas = 2,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs
                    {
                        Labels = appLabels,
                    },
                    Spec = new PodSpecArgs
                    {
                        Containers =
                        {
                            new ContainerArgs
                            {
                                Name = "my-app",
                                Image = image.ImageUri,
                                Ports =
                                {
                                    new ContainerPortArgs
                                    {
                                        Name = "http",
                                        ContainerPort = EcsProgram.AppPort,
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }, new CustomResourceOptions
        {
            Provider = cluster.Provider,
        });

        // A load balancer in front of the Deployment, sending port 80 to the container port named "http".
        var service = new CoreV1.Service("app-service", new ServiceArgs
        {
            Metadata = new ObjectMetaArgs
            {
                Labels = appLabels,
            },
            Spec = new ServiceSpecArgs
            {
                Type = "LoadBalancer",
                Ports =
                {
                    new ServicePortArgs
                    {
                        Port = 80,
                        TargetPort = "http",
                    },
                },
                Selector = appLabels,
            },
        }, new CustomResourceOptions
        {
            Provider = cluster.Provider,
        });

        return (service.Status.Apply(status => status.LoadBalancer!.Ingress[0].Hostname!), cluster.Kubeconfig);
    }
}

/// <summary>The same program as a stack class, the shape of the seed's C# tab (<c>[Output]</c> properties are the outputs).</summary>
internal sealed class EksStack : Stack
{
    public EksStack() => (Url, Kubeconfig) = EksProgram.CreateResources();

    /// <summary>The Service's load balancer host name.</summary>
    [Output("url")] public Output<string> Url { get; private set; }

    /// <summary>The cluster's kubeconfig (pulumi-eks' document), for kubectl.</summary>
    [Output("kubeconfig")] public Output<object> Kubeconfig { get; private set; }
}
