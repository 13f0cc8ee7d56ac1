using System.Globalization;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>The resources this API serves, with the table columns a real API server prints for each.</summary>
internal static class ResourceCatalog
{
    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Define(KubernetesResources.Namespaces, "Namespace", false, ["ns"], true, false,
            Column("Status", "string", 0, o => Str(o, "status", "phase"))),
        Define(KubernetesResources.Nodes, "Node", false, ["no"], true, false,
            Column("Status", "string", 0, NodeStatus),
            Column("Roles", "string", 0, _ => "<none>"),
            Column("Version", "string", 0, o => Str(o, "status", "nodeInfo", "kubeletVersion")),
            Column("Internal-IP", "string", 1, o => Address(o, "InternalIP")),
            Column("External-IP", "string", 1, o => Address(o, "ExternalIP")),
            Column("OS-Image", "string", 1, o => Str(o, "status", "nodeInfo", "osImage")),
            Column("Kernel-Version", "string", 1, o => Str(o, "status", "nodeInfo", "kernelVersion")),
            Column("Container-Runtime", "string", 1, o => Str(o, "status", "nodeInfo", "containerRuntimeVersion"))),
        Define(KubernetesResources.Pods, "Pod", true, ["po"], true, false,
            Column("Ready", "string", 0, PodReady),
            Column("Status", "string", 0, PodStatus),
            Column("Restarts", "string", 0, o => ContainerStatuses(o).Sum(c => Int(c, "restartCount")).ToString(CultureInfo.InvariantCulture)),
            Column("IP", "string", 1, o => Str(o, "status", "podIP") ?? "<none>"),
            Column("Node", "string", 1, o => Str(o, "spec", "nodeName") ?? "<none>"),
            Column("Nominated Node", "string", 1, o => Str(o, "status", "nominatedNodeName") ?? "<none>"),
            Column("Readiness Gates", "string", 1, _ => "<none>")),
        Define(KubernetesResources.Services, "Service", true, ["svc"], true, false,
            Column("Type", "string", 0, o => Str(o, "spec", "type")),
            Column("Cluster-IP", "string", 0, o => Str(o, "spec", "clusterIP") ?? "<none>"),
            Column("External-IP", "string", 0, ServiceExternalIp),
            Column("Port(s)", "string", 0, ServicePorts),
            Column("Selector", "string", 1, o => Selector(o["spec"]?["selector"] as JsonObject))),
        Define(KubernetesResources.Endpoints, "Endpoints", true, ["ep"], false, false,
            Column("Endpoints", "string", 0, EndpointAddresses)),
        Define(KubernetesResources.ConfigMaps, "ConfigMap", true, ["cm"], false, false,
            Column("Data", "string", 0, o => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0))),
        Define(KubernetesResources.Secrets, "Secret", true, [], false, false,
            Column("Type", "string", 0, o => Str(o, "type")),
            Column("Data", "string", 0, o => (o["data"] as JsonObject)?.Count ?? 0)),
        Define(KubernetesResources.ServiceAccounts, "ServiceAccount", true, ["sa"], false, false,
            Column("Secrets", "string", 0, o => (o["secrets"] as JsonArray)?.Count ?? 0)),
        Define(KubernetesResources.Events, "Event", true, ["ev"], false, false,
            Column("Last Seen", "string", 0, (o, now) => Age(Str(o, "lastTimestamp") ?? Str(o, "eventTime") ?? Str(o, "metadata", "creationTimestamp"), now)),
            Column("Type", "string", 0, o => Str(o, "type")),
            Column("Reason", "string", 0, o => Str(o, "reason")),
            Column("Object", "string", 0, o => $"{Str(o, "involvedObject", "kind")?.ToLowerInvariant()}/{Str(o, "involvedObject", "name")}"),
            Column("Message", "string", 0, o => Str(o, "message"))),
        Define(KubernetesResources.Deployments, "Deployment", true, ["deploy"], true, true,
            Column("Ready", "string", 0, o => $"{Int(o["status"], "readyReplicas")}/{Replicas(o)}"),
            Column("Up-to-date", "integer", 0, o => Int(o["status"], "updatedReplicas")),
            Column("Available", "integer", 0, o => Int(o["status"], "availableReplicas")),
            Column("Containers", "string", 1, o => string.Join(",", Containers(o).Select(c => Str(c, "name")))),
            Column("Images", "string", 1, o => string.Join(",", Containers(o).Select(c => Str(c, "image")))),
            Column("Selector", "string", 1, o => Selector(o["spec"]?["selector"]?["matchLabels"] as JsonObject))),
        Define(KubernetesResources.ReplicaSets, "ReplicaSet", true, ["rs"], true, true,
            Column("Desired", "integer", 0, o => Replicas(o)),
            Column("Current", "integer", 0, o => Int(o["status"], "replicas")),
            Column("Ready", "integer", 0, o => Int(o["status"], "readyReplicas")),
            Column("Containers", "string", 1, o => string.Join(",", Containers(o).Select(c => Str(c, "name")))),
            Column("Images", "string", 1, o => string.Join(",", Containers(o).Select(c => Str(c, "image")))),
            Column("Selector", "string", 1, o => Selector(o["spec"]?["selector"]?["matchLabels"] as JsonObject))),
        Define(KubernetesResources.EndpointSlices, "EndpointSlice", true, [], false, false,
            Column("AddressType", "string", 0, o => Str(o, "addressType")),
            Column("Ports", "string", 0, o => string.Join(",", ((o["ports"] as JsonArray) ?? []).Select(p => Int(p, "port").ToString(CultureInfo.InvariantCulture))) is { Length: > 0 } ports ? ports : "<unset>"),
            Column("Endpoints", "string", 0, o => string.Join(",", ((o["endpoints"] as JsonArray) ?? []).SelectMany(e => (e?["addresses"] as JsonArray) ?? []).Select(a => a?.ToString())) is { Length: > 0 } list ? list : "<unset>")),
    ];

    public static ResourceDefinition? Find(string group, string version, string plural) =>
        All.FirstOrDefault(d => d.Group == group && d.Version == version && d.Plural == plural);

    public static ResourceDefinition? Find(GroupVersionResource resource) => All.FirstOrDefault(d => d.Resource == resource);

    /// <summary>Kubernetes' human duration (<c>5s</c>, <c>3m20s</c>, <c>2d4h</c>), the AGE column.</summary>
    public static string Age(string? timestamp, DateTimeOffset now)
    {
        if (timestamp is null || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<unknown>";
        }

        var d = now - then;
        var seconds = (long)d.TotalSeconds;
        var minutes = (long)d.TotalMinutes;
        var hours = (long)d.TotalHours;
        return seconds switch
        {
            < -1 => "<invalid>",
            < 0 => "0s",
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 192 => hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h",
            _ when hours < 24 * 365 * 2 => $"{hours / 24}d",
            _ => $"{hours / 24 / 365}y",
        };
    }

    private static ResourceDefinition Define(GroupVersionResource resource, string kind, bool namespaced, string[] shortNames, bool hasStatus, bool hasScale, params TableColumn[] columns)
    {
        var nameColumn = new TableColumn("Name", "string", 0, (o, _) => Str(o, "metadata", "name"), "name");
        var ageColumn = new TableColumn("Age", "string", 0, (o, now) => Age(Str(o, "metadata", "creationTimestamp"), now));
        var all = kind == "Event"
            ? columns.ToList()
            : [nameColumn, .. columns.Where(c => c.Priority == 0), ageColumn, .. columns.Where(c => c.Priority > 0)];
        return new ResourceDefinition(resource, kind, kind.ToLowerInvariant(), namespaced, shortNames, hasStatus, hasScale, all);
    }

    private static TableColumn Column(string name, string type, int priority, Func<JsonObject, object?> cell) =>
        new(name, type, priority, (o, _) => cell(o));

    private static TableColumn Column(string name, string type, int priority, Func<JsonObject, DateTimeOffset, object?> cell) =>
        new(name, type, priority, cell);

    private static string? Str(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private static long Int(JsonNode? node, string field) =>
        node?[field] is JsonValue value && long.TryParse(value.ToJsonString(), CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static long Replicas(JsonObject o) => o["spec"]?["replicas"] is null ? 1 : Int(o["spec"], "replicas");

    private static IEnumerable<JsonNode?> Containers(JsonObject o) => (o["spec"]?["template"]?["spec"]?["containers"] as JsonArray) ?? [];

    private static IEnumerable<JsonNode?> ContainerStatuses(JsonObject o) => (o["status"]?["containerStatuses"] as JsonArray) ?? [];

    private static string Selector(JsonObject? labels) =>
        labels is null || labels.Count == 0 ? "<none>" : string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));

    private static string PodReady(JsonObject o)
    {
        var total = ((o["spec"]?["containers"] as JsonArray) ?? []).Count;
        var ready = ContainerStatuses(o).Count(c => c?["ready"]?.GetValue<bool>() == true);
        return $"{ready}/{total}";
    }

    private static string PodStatus(JsonObject o)
    {
        if (o["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        foreach (var status in ContainerStatuses(o))
        {
            if (Str(status, "state", "waiting", "reason") is { } waiting)
            {
                return waiting;
            }

            if (Str(status, "state", "terminated", "reason") is { } terminated)
            {
                return terminated;
            }
        }

        return Str(o, "status", "reason") ?? Str(o, "status", "phase") ?? "Pending";
    }

    private static string ServiceExternalIp(JsonObject o)
    {
        var ingress = (o["status"]?["loadBalancer"]?["ingress"] as JsonArray) ?? [];
        var addresses = ingress.Select(i => Str(i, "hostname") ?? Str(i, "ip")).Where(a => a is not null).ToList();
        return Str(o, "spec", "type") switch
        {
            "LoadBalancer" => addresses.Count > 0 ? string.Join(",", addresses) : "<pending>",
            "ExternalName" => Str(o, "spec", "externalName") ?? "<none>",
            _ => (o["spec"]?["externalIPs"] as JsonArray) is { Count: > 0 } ips ? string.Join(",", ips.Select(i => i?.ToString())) : "<none>",
        };
    }

    private static string ServicePorts(JsonObject o)
    {
        var ports = ((o["spec"]?["ports"] as JsonArray) ?? []).Select(p =>
            Int(p, "nodePort") is > 0 and var nodePort
                ? $"{Int(p, "port")}:{nodePort}/{Str(p, "protocol") ?? "TCP"}"
                : $"{Int(p, "port")}/{Str(p, "protocol") ?? "TCP"}").ToList();
        return ports.Count > 0 ? string.Join(",", ports) : "<none>";
    }

    private static string EndpointAddresses(JsonObject o)
    {
        var endpoints = new List<string>();
        foreach (var subset in (o["subsets"] as JsonArray) ?? [])
        {
            var ports = ((subset?["ports"] as JsonArray) ?? []).Select(p => Int(p, "port")).DefaultIfEmpty(0).ToList();
            foreach (var address in (subset?["addresses"] as JsonArray) ?? [])
            {
                endpoints.AddRange(ports.Select(port => port > 0 ? $"{Str(address, "ip")}:{port}" : Str(address, "ip") ?? string.Empty));
            }
        }

        return endpoints.Count == 0 ? "<none>" : endpoints.Count > 3 ? string.Join(",", endpoints.Take(3)) + $" + {endpoints.Count - 3} more..." : string.Join(",", endpoints);
    }

    private static string NodeStatus(JsonObject o)
    {
        var ready = ((o["status"]?["conditions"] as JsonArray) ?? []).FirstOrDefault(c => Str(c, "type") == "Ready");
        var status = Str(ready, "status") == "True" ? "Ready" : "NotReady";
        return o["spec"]?["unschedulable"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }

    private static string? Address(JsonObject o, string type) =>
        ((o["status"]?["addresses"] as JsonArray) ?? []).Where(a => Str(a, "type") == type).Select(a => Str(a, "address")).FirstOrDefault() ?? "<none>";
}
