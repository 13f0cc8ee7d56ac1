using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Services: a cluster IP from the service CIDR (unless headless), node ports for NodePort and LoadBalancer services,
/// for LoadBalancer an ingress host name in the form AWS's classic load balancers have
/// (<c>&lt;32 hex&gt;-&lt;10 digits&gt;.&lt;region&gt;.elb.amazonaws.com</c>), and the Endpoints object of the same name listing the
/// ready pods the selector matches (not-ready ones under notReadyAddresses).
/// </summary>
internal sealed class ServiceController(ObjectStore store, ClusterControllerOptions options) : Controller(store, options.TimeProvider)
{
    private const int NodePortMin = 30000;
    private const int NodePortMax = 32767;

    // Cluster IPs and node ports are handed out under this lock so two services never get the same one.
    private readonly SemaphoreSlim _allocation = new(1, 1);

    protected override IEnumerable<GroupVersionResource> Watched => [KubernetesResources.Services, KubernetesResources.Pods];

    protected override IEnumerable<string> KeysFor(ObjectEvent change)
    {
        if (change.Resource == KubernetesResources.Services)
        {
            return [ObjectKey.Of(change.Object)];
        }

        return List(KubernetesResources.Services, change.Object.Namespace())
            .Where(s => s["spec"]?["selector"] is JsonObject { Count: > 0 })
            .Select(ObjectKey.Of);
    }

    protected override async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var service = Store.Get(KubernetesResources.Services, ns, name);
        if (service is null)
        {
            if (Store.Get(KubernetesResources.Endpoints, ns, name) is not null)
            {
                await Store.DeleteAsync(KubernetesResources.Endpoints, ns, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (service.IsTerminating())
        {
            return;
        }

        await _allocation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var original = (JsonObject)service.DeepClone();
            AllocateClusterIp(service);
            AllocateNodePorts(service);
            var lb = service["spec"]?["type"].Text() == "LoadBalancer";
            if (lb && service["status"]?["loadBalancer"]?["ingress"] is not JsonArray { Count: > 0 })
            {
                service.Status()["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = LoadBalancerHostname(service) }) };
            }
            else if (!lb && service["status"]?["loadBalancer"]?["ingress"] is JsonArray)
            {
                service.Status()["loadBalancer"] = new JsonObject();
            }

            service = await UpdateIfChangedAsync(KubernetesResources.Services, original, service, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _allocation.Release();
        }

        if (service["spec"]?["selector"] is JsonObject { Count: > 0 } selector)
        {
            await SyncEndpointsAsync(service, ObjectJson.StringMap(selector), cancellationToken).ConfigureAwait(false);
        }
    }

    private void AllocateClusterIp(JsonObject service)
    {
        var spec = service.Spec();
        if (spec["type"].Text() == "ExternalName" || spec["clusterIP"].Text() is { Length: > 0 })
        {
            return;
        }

        var used = List(KubernetesResources.Services, null)
            .Select(s => s["spec"]?["clusterIP"].Text())
            .Where(ip => ip is not null)
            .ToHashSet(StringComparer.Ordinal);
        var (network, size) = ParseCidr(options.ServiceCidr);

        // .0 is the network, .1 the kubernetes service, .10 kube-dns on EKS: start after those, from a hash of the name.
        var start = (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(ObjectKey.Of(service)))) % (uint)(size - 20));
        for (var i = 0; i < size - 20; i++)
        {
            var candidate = Address(network, 11 + ((start + i) % (size - 20)));
            if (used.Add(candidate))
            {
                spec["clusterIP"] = candidate;
                spec["clusterIPs"] = new JsonArray(candidate);
                spec["ipFamilies"] ??= new JsonArray("IPv4");
                spec["ipFamilyPolicy"] ??= "SingleStack";
                return;
            }
        }

        throw new InvalidOperationException($"The service CIDR {options.ServiceCidr} is full.");
    }

    private void AllocateNodePorts(JsonObject service)
    {
        if (service["spec"]?["type"].Text() is not ("NodePort" or "LoadBalancer") || service["spec"]?["ports"] is not JsonArray ports)
        {
            return;
        }

        var used = List(KubernetesResources.Services, null)
            .SelectMany(s => (s["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(p => p["nodePort"].Int(0))
            .Where(p => p > 0)
            .ToHashSet();
        var next = NodePortMin + (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(ObjectKey.Of(service)))) % (NodePortMax - NodePortMin));
        foreach (var port in ports.OfType<JsonObject>().Where(p => p["nodePort"].Int(0) == 0))
        {
            while (!used.Add(next))
            {
                next = next == NodePortMax ? NodePortMin : next + 1;
            }

            port["nodePort"] = next;
        }
    }

    private async Task SyncEndpointsAsync(JsonObject service, IReadOnlyDictionary<string, string> selector, CancellationToken cancellationToken)
    {
        var ns = service.Namespace();
        var pods = List(KubernetesResources.Pods, ns, Selectors.FromMap(selector))
            .Where(p => !p.IsTerminating() && PodStatus.PodIp(p) is not null)
            .OrderBy(p => PodStatus.PodIp(p), StringComparer.Ordinal)
            .ToList();
        var ready = new JsonArray();
        var notReady = new JsonArray();
        foreach (var pod in pods)
        {
            var address = new JsonObject
            {
                ["ip"] = PodStatus.PodIp(pod),
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = ns, ["name"] = pod.Name(), ["uid"] = pod.Uid() },
            };
            if (pod["spec"]?["nodeName"].Text() is { Length: > 0 } node)
            {
                address["nodeName"] = node;
            }

            (PodStatus.IsReady(pod) ? ready : notReady).Add(address);
        }

        var subsets = new JsonArray();
        if (ready.Count + notReady.Count > 0)
        {
            var subset = new JsonObject();
            if (ready.Count > 0)
            {
                subset["addresses"] = ready;
            }

            if (notReady.Count > 0)
            {
                subset["notReadyAddresses"] = notReady;
            }

            subset["ports"] = new JsonArray([.. (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (JsonNode)EndpointPort(p, pods))]);
            subsets.Add(subset);
        }

        var existing = Store.Get(KubernetesResources.Endpoints, ns, service.Name());
        if (existing is null)
        {
            var endpoints = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Endpoints",
                ["metadata"] = new JsonObject { ["name"] = service.Name(), ["namespace"] = ns, ["labels"] = service["metadata"]?["labels"]?.DeepClone() },
                ["subsets"] = subsets,
            };
            if (endpoints["metadata"]!["labels"] is null)
            {
                endpoints.Metadata().Remove("labels");
            }

            await Store.CreateAsync(KubernetesResources.Endpoints, endpoints, cancellationToken).ConfigureAwait(false);
            return;
        }

        var changed = (JsonObject)existing.DeepClone();
        changed["subsets"] = subsets;
        await UpdateIfChangedAsync(KubernetesResources.Endpoints, existing, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An endpoint port: the service port's targetPort, a named one resolved through the pods' container ports.</summary>
    private static JsonObject EndpointPort(JsonObject servicePort, List<JsonObject> pods)
    {
        var target = servicePort["targetPort"];
        int port;
        if (target is JsonValue value && value.TryGetValue<string>(out var named) && !int.TryParse(named, out _))
        {
            port = pods.SelectMany(p => (p["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
                .SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
                .Where(p => p["name"].Text() == named)
                .Select(p => p["containerPort"].Int(0))
                .FirstOrDefault(servicePort["port"].Int(0));
        }
        else
        {
            port = target is null ? servicePort["port"].Int(0) : int.Parse(target.ToString(), CultureInfo.InvariantCulture);
        }

        var endpointPort = new JsonObject { ["port"] = port, ["protocol"] = servicePort["protocol"].Text() ?? "TCP" };
        if (servicePort["name"].Text() is { Length: > 0 } name)
        {
            endpointPort["name"] = name;
        }

        return endpointPort;
    }

    private string LoadBalancerHostname(JsonObject service)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(service.Uid()));
        var digits = (BitConverter.ToUInt64(hash, 16) % 9_000_000_000UL) + 1_000_000_000UL;
        return $"a{Convert.ToHexStringLower(hash)[..31]}-{digits}.{options.Region}.elb.amazonaws.com";
    }

    private static (uint Network, int Size) ParseCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var bytes = IPAddress.Parse(cidr[..slash]).GetAddressBytes();
        var prefix = int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture);
        var network = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return (network, (int)Math.Min(1u << (32 - prefix), 1u << 16));
    }

    private static string Address(uint network, int offset)
    {
        var value = network + (uint)offset;
        return $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
    }
}
