using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Services (the API server allocates their cluster IPs and node ports): for type LoadBalancer an ingress host name in
/// the form AWS's classic load balancers have (<c>&lt;32 hex&gt;-&lt;10 digits&gt;.&lt;region&gt;.elb.amazonaws.com</c>), and the
/// Endpoints object of the same name listing the ready pods the selector matches (not-ready ones under notReadyAddresses).
/// With <see cref="ClusterControllerOptions.ServiceLoadBalancers"/>, a LoadBalancer Service's front door is kept on its
/// ready endpoints and removed with the Service (or when its type changes).
/// </summary>
internal sealed class ServiceController(ObjectStore store, ClusterControllerOptions options) : Controller(store, options)
{
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
        if (service is null || service.IsTerminating() || service["spec"]?["type"].Text() != "LoadBalancer")
        {
            if (Options.ServiceLoadBalancers is { } balancers)
            {
                await balancers.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }
        }

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

        var original = (JsonObject)service.DeepClone();
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

        var endpoints = service["spec"]?["selector"] is JsonObject { Count: > 0 } selector
            ? await SyncEndpointsAsync(service, ObjectJson.StringMap(selector), cancellationToken).ConfigureAwait(false)
            : Store.Get(KubernetesResources.Endpoints, ns, name);
        if (lb && Options.ServiceLoadBalancers is { } loadBalancers)
        {
            await EnsureFrontDoorAsync(loadBalancers, service, endpoints, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Points the Service's front door at its ready endpoints and publishes the host name it answers to.</summary>
    private async Task EnsureFrontDoorAsync(IServiceLoadBalancers balancers, JsonObject service, JsonObject? endpoints, CancellationToken cancellationToken)
    {
        var subsets = (endpoints?["subsets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var ports = new List<ServiceLoadBalancerPort>();
        foreach (var servicePort in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var portName = servicePort["name"].Text();
            var backends = subsets
                .SelectMany(s => (s["addresses"] as JsonArray ?? []).OfType<JsonObject>()
                    .SelectMany(a => (s["ports"] as JsonArray ?? []).OfType<JsonObject>()
                        .Where(p => (p["name"].Text() ?? string.Empty) == (portName ?? string.Empty))
                        .Select(p => (Ip: a["ip"].Text(), Port: p["port"].Int(0)))))
                .Where(b => b.Ip is not null && b.Port > 0 && IPAddress.TryParse(b.Ip, out _))
                .Select(b => new IPEndPoint(IPAddress.Parse(b.Ip!), b.Port))
                .ToList();
            ports.Add(new ServiceLoadBalancerPort(portName, servicePort["port"].Int(0), servicePort["protocol"].Text() ?? "TCP", backends));
        }

        var proposed = service["status"]?["loadBalancer"]?["ingress"]?[0]?["hostname"].Text() ?? LoadBalancerHostname(service);
        var hostname = await balancers.EnsureAsync(new ServiceLoadBalancer(service.Namespace(), service.Name(), proposed, ports), cancellationToken).ConfigureAwait(false);
        if (hostname != proposed)
        {
            var original = (JsonObject)service.DeepClone();
            service.Status()["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = hostname }) };
            await UpdateIfChangedAsync(KubernetesResources.Services, original, service, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> SyncEndpointsAsync(JsonObject service, IReadOnlyDictionary<string, string> selector, CancellationToken cancellationToken)
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

            return await Store.CreateAsync(KubernetesResources.Endpoints, endpoints, cancellationToken).ConfigureAwait(false);
        }

        var changed = (JsonObject)existing.DeepClone();
        changed["subsets"] = subsets;
        return await UpdateIfChangedAsync(KubernetesResources.Endpoints, existing, changed, cancellationToken).ConfigureAwait(false);
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
        return $"a{Convert.ToHexStringLower(hash)[..31]}-{digits}.{Options.Region}.elb.amazonaws.com";
    }
}
