using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Http;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class AdmissionTests
{
    private static readonly ResourceDefinition Deployments = ResourceCatalog.Find(KubernetesResources.Deployments)!;

    [Fact]
    public void A_deployment_using_many_pod_features_has_no_unknown_fields_and_a_misspelled_field_is_found_by_path()
    {
        var deployment = JsonNode.Parse("""
            {
              "apiVersion": "apps/v1", "kind": "Deployment",
              "metadata": {"name": "full", "annotations": {"a": "b"}, "labels": {"app": "full"}, "creationTimestamp": null},
              "spec": {
                "replicas": 2, "minReadySeconds": 5,
                "selector": {"matchLabels": {"app": "full"}, "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web"]}]},
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
                "template": {
                  "metadata": {"labels": {"app": "full"}, "creationTimestamp": null},
                  "spec": {
                    "nodeSelector": {"kubernetes.io/os": "linux"},
                    "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"}],
                    "securityContext": {"runAsNonRoot": true, "fsGroup": 2000},
                    "volumes": [{"name": "cache", "emptyDir": {}}, {"name": "config", "configMap": {"name": "settings", "items": [{"key": "a", "path": "a.txt"}]}}],
                    "containers": [{
                      "name": "web", "image": "nginx:1.27", "args": ["--port", "80"],
                      "ports": [{"containerPort": 80, "name": "http", "protocol": "TCP"}],
                      "env": [{"name": "MODE", "value": "demo"}, {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
                      "resources": {"limits": {"cpu": 1, "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
                      "readinessProbe": {"httpGet": {"path": "/", "port": "http"}, "periodSeconds": 5},
                      "livenessProbe": {"tcpSocket": {"port": 80}},
                      "volumeMounts": [{"name": "cache", "mountPath": "/cache"}]
                    }]
                  }
                }
              }
            }
            """)!.AsObject();

        Admission.UnknownFields(Deployments, deployment).ShouldBeEmpty();

        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicyy"] = "Always";
        Admission.UnknownFields(Deployments, deployment).ShouldBe(["spec.template.spec.containers[0].imagePullPolicyy"]);
    }

    [Fact]
    public void Defaults_fill_what_a_real_server_fills_and_validation_names_the_fields()
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "Web_1"},
             "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "other"}}, "spec": {"containers": [{"name": "web"}]}}}}
            """)!.AsObject();

        Admission.ApplyDefaults(Deployments, deployment, null, () => "10.100.0.10");
        var causes = Admission.Validate(Deployments, deployment, null);

        deployment["spec"]!["replicas"]!.GetValue<int>().ShouldBe(1);
        deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]!.GetValue<string>().ShouldBe("25%");
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("Always");
        causes.Select(c => c.Field).ShouldBe(["metadata.name", "spec.template.metadata.labels", "spec.template.spec.containers[0].image"]);
    }
}
