using System.Text.Json.Nodes;
using EcrAutomation.Automation;
using EcrAutomation.Kubernetes.Types.Inputs.Apps.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Meta.V1;
using EcrAutomation.Providers;
using AppsV1 = EcrAutomation.Kubernetes.Apps.V1;
using CoreV1 = EcrAutomation.Kubernetes.Core.V1;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>
/// The seed's "Consuming a Private Repository from EKS" C# tab, with the cluster's provider standing in for
/// <c>cluster.Provider</c>: it compiles as written, and each resource's inputs are exactly the Kubernetes object.
/// </summary>
public sealed class SeedProgramTests : IDisposable
{
    private const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-repo-1a2b3c4@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private const string Kubeconfig = "{\"apiVersion\":\"v1\",\"kind\":\"Config\",\"current-context\":\"eks-cluster\"}";

    private readonly KubernetesStack _stack = new();

    public void Dispose() => _stack.Dispose();

    /// <summary>The seed's C# tab as it reads (its typo <c>DeploymentPortArgs</c> is <c>ContainerPortArgs</c>), plus a numeric target port.</summary>
    private sealed class SeedStack : Stack
    {
        public SeedStack()
        {
            var image = Output.Create(Image);
            var provider = new Provider("eks-cluster-provider", new ProviderArgs { KubeConfig = Kubeconfig, Namespace = "apps" });

            var appLabels = new InputMap<string>
            {
                {"appClass", "my-app"}
            };

            var deployment = new AppsV1.Deployment("app-dep", new DeploymentArgs
            {
                Metadata = new ObjectMetaArgs
                {
                    Labels = appLabels
                },
                Spec = new DeploymentSpecArgs
                {
                    Selector = new LabelSelectorArgs
                    {
                        MatchLabels = appLabels
                    },
                    Replicas = 2,
                    Template = new PodTemplateSpecArgs
                    {
                        Metadata = new ObjectMetaArgs
                        {
                            Labels = appLabels
                        },
                        Spec = new PodSpecArgs
                        {
                            Containers =
                            {
                                new ContainerArgs
                                {
                                    Name = "my-app",
                                    Image = image,
                                    Ports =
                                    {
                                        new ContainerPortArgs
                                        {
                                            Name = "http",
                                            ContainerPort = 8080,
                                        },
                                    },
                                }
                            }
                        }
                    }
                },
            }, new CustomResourceOptions
            {
                Provider = provider,
            });

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
                            TargetPort = "http"
                        },
                        new ServicePortArgs
                        {
                            Name = "direct",
                            Port = 8080,
                            TargetPort = 8080
                        },
                    },
                    Selector = appLabels,
                },
            }, new CustomResourceOptions
            {
                Provider = provider,
            });

            // What the live objects hold (a test's provider may return no status or spec).
            Url = service.Status.Apply(status => status?.LoadBalancer?.Ingress.FirstOrDefault()?.Hostname ?? "");
            ServiceName = service.Metadata.Apply(metadata => metadata?.Name ?? "");
            TargetPorts = service.Spec.Apply(spec => string.Join(",", spec?.Ports.Select(p => p.TargetPort?.Match(n => $"int:{n}", s => $"string:{s}")) ?? []));
            Replicas = deployment.Spec.Apply(spec => spec?.Replicas ?? 0);
        }

        [Output("url")] public Output<string> Url { get; set; }

        [Output("serviceName")] public Output<string> ServiceName { get; set; }

        [Output("targetPorts")] public Output<string> TargetPorts { get; set; }

        [Output("replicas")] public Output<int> Replicas { get; set; }
    }

    private static PropertyMap Map(params (string Key, PropertyValue Value)[] items) =>
        PropertyMap.From(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));

    [Fact]
    public async Task SeedCSharpTab_DeploymentAndService_SendExactlyTheKubernetesObjects()
    {
        await _stack.UpAsync(PulumiFn.Create<SeedStack>());

        var labels = new JsonObject { ["appClass"] = "my-app" };
        var deployment = PropertyMapJson.ToJson(_stack.Provider.Creates["app-dep"].Inputs);
        JsonNode.DeepEquals(deployment, JsonNode.Parse($$"""
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": { "labels": {{labels}} },
              "spec": {
                "replicas": 2,
                "selector": { "matchLabels": {{labels}} },
                "template": {
                  "metadata": { "labels": {{labels}} },
                  "spec": {
                    "containers": [
                      { "image": "{{Image}}", "name": "my-app", "ports": [ { "containerPort": 8080, "name": "http" } ] }
                    ]
                  }
                }
              }
            }
            """)).ShouldBeTrue(deployment.ToJsonString());

        var service = PropertyMapJson.ToJson(_stack.Provider.Creates["app-service"].Inputs);
        JsonNode.DeepEquals(service, JsonNode.Parse($$"""
            {
              "apiVersion": "v1",
              "kind": "Service",
              "metadata": { "labels": {{labels}} },
              "spec": {
                "ports": [ { "port": 80, "targetPort": "http" }, { "name": "direct", "port": 8080, "targetPort": 8080 } ],
                "selector": {{labels}},
                "type": "LoadBalancer"
              }
            }
            """)).ShouldBeTrue(service.ToJsonString());
    }

    [Fact]
    public async Task ExplicitProvider_ItsKubeconfigAndNamespace_AreTheKubernetesConfigOfItsResources()
    {
        await _stack.UpAsync(PulumiFn.Create<SeedStack>());

        foreach (var name in new[] { "app-dep", "app-service" })
        {
            var config = _stack.Provider.Creates[name].Config;
            config["kubernetes:kubeconfig"].ShouldBe(Kubeconfig);
            config["kubernetes:namespace"].ShouldBe("apps");
        }
    }

    [Fact]
    public async Task LiveService_StatusLoadBalancerIngressHostname_ReadsBackAsTypedOutputs()
    {
        const string hostname = "a1b2c3d4e5f6-1234567890.us-east-1.elb.amazonaws.com";
        var metadata = Map(
            ("name", PropertyValue.Of("app-service-5f3a9c1e")),
            ("namespace", PropertyValue.Of("apps")),
            ("creationTimestamp", PropertyValue.Of("2026-12-05T10:00:00Z")));
        PropertyValue[] ports =
        [
            PropertyValue.Of(Map(("port", PropertyValue.Of(80)), ("targetPort", PropertyValue.Of("http")), ("nodePort", PropertyValue.Of(31234)), ("protocol", PropertyValue.Of("TCP")))),
            PropertyValue.Of(Map(("name", PropertyValue.Of("direct")), ("port", PropertyValue.Of(8080)), ("targetPort", PropertyValue.Of(8080)))),
        ];
        var spec = Map(("type", PropertyValue.Of("LoadBalancer")), ("clusterIP", PropertyValue.Of("10.100.12.34")), ("ports", PropertyValue.Of(ports)));
        var ingress = Map(("hostname", PropertyValue.Of(hostname)));
        var status = Map(("loadBalancer", PropertyValue.Of(Map(("ingress", PropertyValue.Of([PropertyValue.Of(ingress)]))))));
        _stack.Provider.LiveFields["app-service"] = Map(
            ("metadata", PropertyValue.Of(metadata)), ("spec", PropertyValue.Of(spec)), ("status", PropertyValue.Of(status)));

        var up = await _stack.UpAsync(PulumiFn.Create<SeedStack>());

        up.Outputs["url"].Value.ShouldBe(hostname);
        up.Outputs["serviceName"].Value.ShouldBe("app-service-5f3a9c1e");
        up.Outputs["targetPorts"].Value.ShouldBe("string:http,int:8080");
        up.Outputs["replicas"].Value.ShouldBe(2.0);
    }
}
