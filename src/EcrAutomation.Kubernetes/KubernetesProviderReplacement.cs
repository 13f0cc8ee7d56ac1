using System.Text;
using System.Text.Json;
using EcrAutomation.Providers;
using k8s;
using k8s.KubeConfigModels;

namespace EcrAutomation.Kubernetes;

/// <summary>
/// When a <c>pulumi:providers:kubernetes</c> provider must be replaced, with every resource it manages, as pulumi-kubernetes
/// decides it: when the active cluster of its kubeconfig (the server and CA of the cluster its <c>context</c> input, else
/// the kubeconfig's current context, points at) changes, or when <c>kubeconfig</c>, <c>context</c> or <c>cluster</c> is
/// not known yet at preview (the kubeconfig of a cluster not created yet). Clusters have no identity of their own, so
/// this is the best guess: other changes (namespace, server-side apply, new credentials for the same cluster) update
/// the provider in place and its resources keep their objects.
/// </summary>
public static class KubernetesProviderReplacement
{
    /// <summary>Registers <see cref="RequiresReplacement"/> for the <c>kubernetes</c> package.</summary>
    public static ProviderRegistry Register(ProviderRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddReplacementRule("kubernetes", RequiresReplacement);
    }

    /// <summary>The <see cref="ProviderReplacementRule"/> of the <c>kubernetes</c> package.</summary>
    public static bool RequiresReplacement(PropertyMap oldInputs, PropertyMap newInputs)
    {
        ArgumentNullException.ThrowIfNull(oldInputs);
        ArgumentNullException.ThrowIfNull(newInputs);
        if (new[] { "kubeconfig", "context", "cluster" }.Any(key => newInputs.TryGetValue(key, out var value) && value.ContainsUnknowns())) return true;
        return ActiveCluster(oldInputs) != ActiveCluster(newInputs);
    }

    /// <summary>The server and CA of the cluster a provider's inputs point at, or the kubeconfig text itself when it cannot be read.</summary>
    private static string? ActiveCluster(PropertyMap inputs)
    {
        var text = KubeconfigText(inputs);
        if (text is null) return null;
        K8SConfiguration config;
        try { config = KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(text))); }
        catch (Exception e) when (e is not OutOfMemoryException) { return text; }
        var contextName = inputs.GetString("context") ?? config.CurrentContext;
        var clusterName = inputs.GetString("cluster") ?? config.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails?.Cluster;
        var cluster = config.Clusters?.FirstOrDefault(c => c.Name == clusterName)?.ClusterEndpoint;
        return cluster is null ? $"no cluster '{clusterName}'" : $"{cluster.Server}\n{cluster.CertificateAuthorityData}\n{cluster.CertificateAuthority}";
    }

    /// <summary>The kubeconfig's YAML or JSON: the input (a path, contents, or an object), else <c>KUBECONFIG</c> or <c>~/.kube/config</c>.</summary>
    private static string? KubeconfigText(PropertyMap inputs)
    {
        if (inputs.TryGetValue("kubeconfig", out var value) && !value.Unsecret().IsNull)
        {
            var plain = value.Unsecret();
            if (plain.Kind != PropertyKind.String) return JsonSerializer.Serialize(Plain(plain));
            var kubeconfig = plain.AsString;
            return !kubeconfig.Contains('\n', StringComparison.Ordinal) && File.Exists(kubeconfig) ? File.ReadAllText(kubeconfig) : kubeconfig;
        }
        var path = Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator).FirstOrDefault(p => p.Length > 0)
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static object? Plain(PropertyValue value) => value.Unsecret() switch
    {
        { Kind: PropertyKind.List } list => list.AsList.Select(Plain).ToList(),
        { Kind: PropertyKind.Map } map => map.AsMap.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        { Kind: PropertyKind.String } s => s.AsString,
        { Kind: PropertyKind.Bool } b => b.AsBool,
        { Kind: PropertyKind.Number } n => n.AsNumber,
        _ => null,
    };
}
