using System.Text.Json.Nodes;
using EcrAutomation.Kubernetes.Runtime;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>Kubernetes objects as the provider's inputs, written as JSON for readability.</summary>
public static class Objects
{
    public const string DeploymentType = "kubernetes:apps/v1:Deployment";
    public const string ServiceType = "kubernetes:core/v1:Service";
    public const string ConfigMapType = "kubernetes:core/v1:ConfigMap";
    public const string SecretType = "kubernetes:core/v1:Secret";

    /// <summary>Inputs from JSON (a Kubernetes object as a program would give it).</summary>
    public static PropertyMap Inputs(string json) => ObjectConversion.ToProperties(JsonNode.Parse(json)!.AsObject());

    public static PropertyMap DeploymentInputs(string image, int replicas = 2, string app = "web", string? name = null, string? annotations = null) => Inputs($$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { {{(name is null ? "" : $"\"name\": \"{name}\",")}} "labels": { "app": "{{app}}" }, "annotations": { {{annotations ?? ""}} } },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "{{app}}" } },
            "template": {
              "metadata": { "labels": { "app": "{{app}}" } },
              "spec": { "containers": [ { "name": "app", "image": "{{image}}", "ports": [ { "name": "http", "containerPort": 8080 } ] } ] }
            }
          }
        }
        """);

    public static string? Str(PropertyMap map, params string[] path) => ObjectConversion.StringAt(map, path);

    public static PropertyValue? At(PropertyMap map, params string[] path) => ObjectConversion.At(map, path);

    public static PropertyMap With(PropertyMap map, PropertyValue value, params string[] path) => ObjectConversion.SetAt(map, value, path);
}
