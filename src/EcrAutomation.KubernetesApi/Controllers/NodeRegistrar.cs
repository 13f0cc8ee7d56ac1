using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Keeps the cluster's Node objects equal to its node pools: each pool has <see cref="NodePool.Count"/> Ready nodes named
/// like EKS nodes (<c>ip-192-168-x-y.ec2.internal</c>), labelled with the node group, instance type, capacity type, zone and
/// architecture, with capacity from the instance type. Nodes of pools that shrank or went away are deleted.
/// </summary>
internal sealed class NodeRegistrar(ObjectStore store, ClusterControllerOptions options)
{
    public const string NodegroupLabel = "eks.amazonaws.com/nodegroup";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task SyncAsync(IReadOnlyList<NodePool> pools, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = store.List(KubernetesResources.Nodes, new ObjectListOptions { LabelSelector = NodegroupLabel }).Items
                .ToDictionary(n => n.Name(), StringComparer.Ordinal);
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pool in pools)
            {
                for (var index = 0; index < pool.Count; index++)
                {
                    var node = Node(pool, index);
                    wanted.Add(node.Name());
                    if (!existing.TryGetValue(node.Name(), out var live))
                    {
                        await store.CreateAsync(KubernetesResources.Nodes, node, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var changed = (JsonObject)live.DeepClone();
                    changed["metadata"]!["labels"] = node["metadata"]!["labels"]!.DeepClone();
                    changed["spec"] = node["spec"]!.DeepClone();
                    changed.Status()["capacity"] = node["status"]!["capacity"]!.DeepClone();
                    changed.Status()["allocatable"] = node["status"]!["allocatable"]!.DeepClone();
                    if (!JsonNode.DeepEquals(changed, live))
                    {
                        await store.UpdateAsync(KubernetesResources.Nodes, changed, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            foreach (var name in existing.Keys.Where(n => !wanted.Contains(n)))
            {
                await store.DeleteAsync(KubernetesResources.Nodes, null, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private JsonObject Node(NodePool pool, int index)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{pool.Name}/{index}"));
        var ip = $"192.168.{seed[0] % 32}.{1 + (seed[1] % 253)}";
        var domain = options.Region == "us-east-1" ? "ec2.internal" : $"{options.Region}.compute.internal";
        var name = $"ip-{ip.Replace('.', '-')}.{domain}";
        var zone = options.Region + (char)('a' + (index % 3));
        var now = ObjectJson.Timestamp(options.TimeProvider.GetUtcNow());
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = pool.Architecture,
            ["beta.kubernetes.io/instance-type"] = pool.InstanceType,
            ["beta.kubernetes.io/os"] = "linux",
            ["eks.amazonaws.com/capacityType"] = pool.CapacityType,
            [NodegroupLabel] = pool.Name,
            ["failure-domain.beta.kubernetes.io/region"] = options.Region,
            ["failure-domain.beta.kubernetes.io/zone"] = zone,
            ["kubernetes.io/arch"] = pool.Architecture,
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["node.kubernetes.io/instance-type"] = pool.InstanceType,
            ["topology.kubernetes.io/region"] = options.Region,
            ["topology.kubernetes.io/zone"] = zone,
        };
        foreach (var (key, value) in pool.Labels)
        {
            labels[key] = value;
        }

        var capacity = new JsonObject
        {
            ["cpu"] = pool.Cpu.ToString(CultureInfo.InvariantCulture),
            ["ephemeral-storage"] = "20959212Ki",
            ["memory"] = $"{pool.MemoryMiB * 1024 - 153_000}Ki",
            ["pods"] = pool.MaxPods.ToString(CultureInfo.InvariantCulture),
        };
        var allocatable = new JsonObject
        {
            ["cpu"] = $"{pool.Cpu * 1000 - 70}m",
            ["ephemeral-storage"] = "18242267924",
            ["memory"] = $"{pool.MemoryMiB * 1024 - 700_000}Ki",
            ["pods"] = pool.MaxPods.ToString(CultureInfo.InvariantCulture),
        };
        var spec = new JsonObject { ["providerID"] = $"aws:///{zone}/i-0{Convert.ToHexStringLower(seed)[..16]}" };
        if (pool.Taints.Count > 0)
        {
            spec["taints"] = new JsonArray([.. pool.Taints.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value, ["effect"] = t.Effect })]);
        }

        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status,
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels, ["annotations"] = new JsonObject { ["alpha.kubernetes.io/provided-node-ip"] = ip } },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["capacity"] = capacity,
                ["allocatable"] = allocatable,
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = ip },
                    new JsonObject { ["type"] = "InternalDNS", ["address"] = name },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = pool.Architecture,
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["containerRuntimeVersion"] = "containerd://1.7.27",
                    ["kernelVersion"] = "6.1.134-150.224.amzn2023.x86_64",
                    ["kubeProxyVersion"] = string.Empty,
                    ["kubeletVersion"] = options.KubeletVersion,
                    ["machineID"] = Convert.ToHexStringLower(seed)[..32],
                    ["operatingSystem"] = "linux",
                    ["osImage"] = "Amazon Linux 2023.7.20250512",
                    ["systemUUID"] = new Guid(seed[..16]).ToString(),
                },
            },
        };
    }
}
