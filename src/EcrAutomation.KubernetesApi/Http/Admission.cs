using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>
/// What the API server does to an object before storing it: defaults (the fields a real server fills in), validation
/// with field causes (names, required fields, selectors, immutable fields) and unknown-field detection (checked against
/// KubernetesClient's models: a field that does not survive a round trip through the model is unknown).
/// </summary>
internal static partial class Admission
{
    private static readonly Dictionary<string, Func<string, string>> Models = new(StringComparer.Ordinal)
    {
        ["Namespace"] = RoundTrip<V1Namespace>, ["Node"] = RoundTrip<V1Node>, ["Pod"] = RoundTrip<V1Pod>, ["Service"] = RoundTrip<V1Service>,
        ["Endpoints"] = RoundTrip<V1Endpoints>, ["ConfigMap"] = RoundTrip<V1ConfigMap>, ["Secret"] = RoundTrip<V1Secret>,
        ["ServiceAccount"] = RoundTrip<V1ServiceAccount>, ["Event"] = RoundTrip<Corev1Event>, ["Deployment"] = RoundTrip<V1Deployment>,
        ["ReplicaSet"] = RoundTrip<V1ReplicaSet>, ["EndpointSlice"] = RoundTrip<V1EndpointSlice>,
    };

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    /// <summary>The paths of fields the kind's model does not know, e.g. <c>spec.replica</c>.</summary>
    public static List<string> UnknownFields(ResourceDefinition definition, JsonObject obj)
    {
        if (!Models.TryGetValue(definition.Kind, out var model))
        {
            return [];
        }

        JsonNode? roundTrip;
        try
        {
            roundTrip = JsonNode.Parse(model(obj.ToJsonString()));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            throw ApiStatus.BadRequest($"the object is not a valid {definition.Kind}: {e.Message}");
        }

        var unknown = new List<string>();
        Compare(obj, roundTrip, string.Empty, unknown);
        return unknown;
    }

    /// <summary>Removes <paramref name="paths"/> (from <see cref="UnknownFields"/>) from the object, as a non-strict server drops them.</summary>
    public static void Drop(JsonObject obj, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            JsonNode? node = obj;
            var segments = path.Split('.');
            foreach (var segment in segments[..^1])
            {
                node = node is JsonArray array && segment.StartsWith('[') ? array[int.Parse(segment[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : node?[segment];
            }

            (node as JsonObject)?.Remove(segments[^1]);
        }
    }

    /// <summary>Fills the defaults a real API server sets, so stored objects look like a real cluster's.</summary>
    public static void ApplyDefaults(ResourceDefinition definition, JsonObject obj, JsonObject? live, Func<string> allocateClusterIp)
    {
        var spec = obj["spec"] as JsonObject;
        switch (definition.Kind)
        {
            case "Deployment":
                if (spec is null)
                {
                    return;
                }

                spec["replicas"] ??= 1;
                spec["revisionHistoryLimit"] ??= 10;
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject();
                spec["strategy"]!["type"] ??= "RollingUpdate";
                if (spec["strategy"]!["type"]!.GetValue<string>() == "RollingUpdate")
                {
                    spec["strategy"]!["rollingUpdate"] ??= new JsonObject();
                    spec["strategy"]!["rollingUpdate"]!["maxUnavailable"] ??= "25%";
                    spec["strategy"]!["rollingUpdate"]!["maxSurge"] ??= "25%";
                }

                DefaultPodSpec(spec["template"]?["spec"] as JsonObject);
                break;
            case "ReplicaSet":
                if (spec is not null)
                {
                    spec["replicas"] ??= 1;
                    DefaultPodSpec(spec["template"]?["spec"] as JsonObject);
                }

                break;
            case "Pod":
                DefaultPodSpec(spec);
                obj["status"] ??= new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                break;
            case "Service":
                if (spec is null)
                {
                    return;
                }

                spec["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    port["protocol"] ??= "TCP";
                    port["targetPort"] ??= port["port"]?.DeepClone();
                }

                if (spec["type"]!.GetValue<string>() != "ExternalName")
                {
                    var liveIp = live?["spec"]?["clusterIP"]?.GetValue<string>();
                    if (spec["clusterIP"] is null || spec["clusterIP"]!.GetValue<string>().Length == 0)
                    {
                        spec["clusterIP"] = liveIp ?? allocateClusterIp();
                    }

                    spec["clusterIPs"] ??= new JsonArray(spec["clusterIP"]!.GetValue<string>());
                    spec["ipFamilies"] ??= new JsonArray("IPv4");
                    spec["ipFamilyPolicy"] ??= "SingleStack";
                    spec["internalTrafficPolicy"] ??= "Cluster";
                }

                if (spec["type"]!.GetValue<string>() is "LoadBalancer" or "NodePort")
                {
                    spec["externalTrafficPolicy"] ??= "Cluster";
                    var livePorts = live?["spec"]?["ports"] as JsonArray ?? [];
                    foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["nodePort"] is null))
                    {
                        port["nodePort"] = livePorts.OfType<JsonObject>().FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?["nodePort"]?.DeepClone()
                            ?? 30000 + Random.Shared.Next(2768);
                    }

                    if (spec["type"]!.GetValue<string>() == "LoadBalancer")
                    {
                        spec["allocateLoadBalancerNodePorts"] ??= true;
                    }
                }

                obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "Secret":
                obj["type"] ??= "Opaque";
                if (obj["stringData"] is JsonObject stringData)
                {
                    // As a real server does: stringData is write-only, merged into data.
                    var data = obj["data"] as JsonObject ?? [];
                    foreach (var (key, value) in stringData)
                    {
                        data[key] = System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.ToString() ?? string.Empty));
                    }

                    obj["data"] = data;
                    obj.Remove("stringData");
                }

                break;
            case "Namespace":
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] ??= new JsonObject { ["phase"] = "Active" };
                ((JsonObject)obj["metadata"]!)["labels"] ??= new JsonObject();
                obj["metadata"]!["labels"]!["kubernetes.io/metadata.name"] = obj["metadata"]!["name"]?.DeepClone();
                break;
        }
    }

    /// <summary>The validation failures a real API server reports for this object (empty when valid).</summary>
    public static List<(string Field, string Type, string Message)> Validate(ResourceDefinition definition, JsonObject obj, JsonObject? live)
    {
        var causes = new List<(string, string, string)>();
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
        var labelNamed = definition.Kind is "Namespace" or "Service";
        if (name.Length > 0 && !(labelNamed ? Dns1123Label() : Dns1123Subdomain()).IsMatch(name) || name.Length > (labelNamed ? 63 : 253))
        {
            causes.Add(("metadata.name", "FieldValueInvalid", labelNamed
                ? $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                : $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }

        switch (definition.Kind)
        {
            case "Deployment" or "ReplicaSet":
                ValidateWorkload(obj, live, causes);
                break;
            case "Pod":
                ValidateContainers(obj["spec"]?["containers"] as JsonArray, "spec.containers", causes);
                break;
            case "Service":
                ValidateService(obj, live, causes);
                break;
        }

        return causes;
    }

    private static void ValidateWorkload(JsonObject obj, JsonObject? live, List<(string, string, string)> causes)
    {
        var selector = obj["spec"]?["selector"] as JsonObject;
        if (selector is null || selector.Count == 0)
        {
            causes.Add(("spec.selector", "FieldValueRequired", "Required value"));
        }

        var templateLabels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
        if (selector?["matchLabels"] is JsonObject matchLabels
            && matchLabels.Any(l => templateLabels[l.Key]?.ToString() != l.Value?.ToString()))
        {
            causes.Add(("spec.template.metadata.labels", "FieldValueInvalid",
                $"Invalid value: {{{string.Join(",", templateLabels.Select(l => $"\"{l.Key}\":\"{l.Value}\""))}}}: `selector` does not match template `labels`"));
        }

        if (live is not null && !JsonNode.DeepEquals(live["spec"]?["selector"], obj["spec"]?["selector"]))
        {
            causes.Add(("spec.selector", "FieldValueInvalid",
                $"Invalid value: {obj["spec"]?["selector"]?.ToJsonString()}: field is immutable"));
        }

        if (obj["spec"]?["replicas"] is JsonValue replicas && replicas.ToJsonString().StartsWith('-'))
        {
            causes.Add(("spec.replicas", "FieldValueInvalid", $"Invalid value: {replicas.ToJsonString()}: must be greater than or equal to 0"));
        }

        ValidateContainers(obj["spec"]?["template"]?["spec"]?["containers"] as JsonArray, "spec.template.spec.containers", causes);
    }

    private static void ValidateContainers(JsonArray? containers, string field, List<(string, string, string)> causes)
    {
        if (containers is null || containers.Count == 0)
        {
            causes.Add((field, "FieldValueRequired", "Required value"));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty(containers[i]?["name"]?.GetValue<string>()))
            {
                causes.Add(($"{field}[{i}].name", "FieldValueRequired", "Required value"));
            }

            if (string.IsNullOrEmpty(containers[i]?["image"]?.GetValue<string>()))
            {
                causes.Add(($"{field}[{i}].image", "FieldValueRequired", "Required value"));
            }
        }
    }

    private static void ValidateService(JsonObject obj, JsonObject? live, List<(string, string, string)> causes)
    {
        var type = obj["spec"]?["type"]?.GetValue<string>() ?? "ClusterIP";
        if (type != "ExternalName" && obj["spec"]?["ports"] is not JsonArray { Count: > 0 } && obj["spec"]?["clusterIP"]?.GetValue<string>() != "None")
        {
            causes.Add(("spec.ports", "FieldValueRequired", "Required value"));
        }

        var before = live?["spec"]?["clusterIP"]?.GetValue<string>();
        var after = obj["spec"]?["clusterIP"]?.GetValue<string>();
        if (before is { Length: > 0 } && after is { Length: > 0 } && before != after)
        {
            causes.Add(("spec.clusterIPs[0]", "FieldValueInvalid", $"Invalid value: []string{{\"{after}\"}}: may not change once set"));
        }
    }

    private static string RoundTrip<T>(string json) => KubernetesJson.Serialize(KubernetesJson.Deserialize<T>(json));

    private static void DefaultPodSpec(JsonObject? podSpec)
    {
        if (podSpec is null)
        {
            return;
        }

        podSpec["restartPolicy"] ??= "Always";
        podSpec["terminationGracePeriodSeconds"] ??= 30;
        podSpec["dnsPolicy"] ??= "ClusterFirst";
        podSpec["securityContext"] ??= new JsonObject();
        podSpec["schedulerName"] ??= "default-scheduler";
        foreach (var container in (podSpec["containers"] as JsonArray ?? []).Concat(podSpec["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var image = container["image"]?.GetValue<string>() ?? string.Empty;
            var lastSegment = image[(image.LastIndexOf('/') + 1)..];
            container["imagePullPolicy"] ??= !lastSegment.Contains(':') && !image.Contains('@') || lastSegment.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["resources"] ??= new JsonObject();
            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }
    }

    private static void Compare(JsonNode? given, JsonNode? kept, string path, List<string> unknown)
    {
        switch (given)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (value is null)
                    {
                        continue;
                    }

                    if (kept is not JsonObject keptObject || !keptObject.ContainsKey(key))
                    {
                        // Free-form maps (labels, data, ...) are kept whole by the model; only a dropped key is unknown.
                        unknown.Add(childPath);
                        continue;
                    }

                    Compare(value, keptObject[key], childPath, unknown);
                }

                break;
            case JsonArray array when kept is JsonArray keptArray:
                for (var i = 0; i < array.Count && i < keptArray.Count; i++)
                {
                    Compare(array[i], keptArray[i], $"{path}[{i}]", unknown);
                }

                break;
        }
    }
}
