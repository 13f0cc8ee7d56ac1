using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>
/// The diff of an object's recorded inputs and its new inputs, path by path (<c>spec.template.spec.containers[0].image</c>),
/// with pulumi-kubernetes' replacements: a new name or namespace, and fields the API server refuses to change in place.
/// Inputs are compared with inputs (never with the live object, whose server defaults would diff forever).
/// </summary>
internal static class ObjectDiff
{
    public static DiffResponse Compare(KubernetesKind kind, PropertyMap oldInputs, string? oldNamespace, PropertyMap newInputs, string newNamespace, IReadOnlyList<string> ignoreChanges)
    {
        var olds = Normalize(kind, oldInputs, oldNamespace, ignoreChanges);
        var news = Normalize(kind, newInputs, newNamespace, ignoreChanges);
        var detailed = new SortedDictionary<string, DiffKind>(StringComparer.Ordinal);
        var replacing = ReplacePaths(kind, oldInputs, newInputs);
        Walk(PropertyValue.Of(olds), PropertyValue.Of(news), "", (path, change) =>
        {
            var replaces = replacing.Any(p => path == p || path.StartsWith(p + ".", StringComparison.Ordinal) || path.StartsWith(p + "[", StringComparison.Ordinal)
                || p.StartsWith(path + ".", StringComparison.Ordinal));
            detailed[path] = (change, replaces) switch
            {
                (DiffKind.Add, true) => DiffKind.AddReplace,
                (DiffKind.Delete, true) => DiffKind.DeleteReplace,
                (DiffKind.Update, true) => DiffKind.UpdateReplace,
                _ => change,
            };
        });
        var changedKeys = detailed.Keys.Select(TopLevel).Distinct().ToList();
        var replaceKeys = detailed.Where(d => d.Value is DiffKind.AddReplace or DiffKind.DeleteReplace or DiffKind.UpdateReplace).Select(d => TopLevel(d.Key)).Distinct().ToList();
        // An object with a name of its own cannot exist twice: delete it first (an auto-named one gets a fresh name).
        var deleteFirst = replaceKeys.Count > 0 && !PulumiAnnotations.IsTrue(newInputs, PulumiAnnotations.AutoNamed);
        return new DiffResponse(detailed.Count > 0, replaceKeys, changedKeys, detailed, deleteFirst);
    }

    private static string TopLevel(string path) => path.Split('.', '[')[0];

    private static PropertyMap Normalize(KubernetesKind kind, PropertyMap inputs, string? ns, IReadOnlyList<string> ignoreChanges)
    {
        var map = PropertyMap.From(inputs.Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)).Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Unsecret())));
        if (kind.Namespaced && ns is not null) map = ObjectConversion.SetAt(map, PropertyValue.Of(ns), "metadata", "namespace");
        foreach (var path in ignoreChanges) map = ObjectConversion.RemoveAt(map, path.Split('.'));
        return map;
    }

    /// <summary>The paths whose change Kubernetes refuses in place, so the object must be replaced.</summary>
    private static List<string> ReplacePaths(KubernetesKind kind, PropertyMap olds, PropertyMap news)
    {
        List<string> paths = ["metadata.name", "metadata.namespace"];
        if (kind == KubernetesKinds.AppsV1Deployment) paths.Add("spec.selector");
        if (kind == KubernetesKinds.CoreV1Service)
        {
            paths.AddRange(["spec.clusterIP", "spec.clusterIPs"]);
            // A Service becomes or stops being an ExternalName only without a cluster IP: Kubernetes refuses it in place.
            if (ObjectConversion.StringAt(olds, "spec", "type") == "ExternalName" ^ ObjectConversion.StringAt(news, "spec", "type") == "ExternalName")
                paths.Add("spec.type");
        }
        if (kind == KubernetesKinds.CoreV1Secret) paths.Add("type");
        if ((kind == KubernetesKinds.CoreV1ConfigMap || kind == KubernetesKinds.CoreV1Secret) && olds.GetBool("immutable") == true)
            paths.AddRange(["data", "binaryData", "stringData", "immutable"]);
        return paths;
    }

    private static void Walk(PropertyValue? old, PropertyValue? @new, string path, Action<string, DiffKind> report)
    {
        if (old is null or { IsNull: true } && @new is null or { IsNull: true }) return;
        if (old is null or { IsNull: true }) { report(path, DiffKind.Add); return; }
        if (@new is null or { IsNull: true }) { report(path, DiffKind.Delete); return; }
        if (old.Kind == PropertyKind.Map && @new.Kind == PropertyKind.Map)
        {
            foreach (var key in old.AsMap.Keys.Union(@new.AsMap.Keys).Order(StringComparer.Ordinal))
                Walk(old.AsMap.TryGetValue(key, out var o) ? o : null, @new.AsMap.TryGetValue(key, out var n) ? n : null, path.Length == 0 ? key : $"{path}.{key}", report);
            return;
        }
        if (old.Kind == PropertyKind.List && @new.Kind == PropertyKind.List && old.AsList.Length == @new.AsList.Length)
        {
            for (var i = 0; i < old.AsList.Length; i++) Walk(old.AsList[i], @new.AsList[i], $"{path}[{i}]", report);
            return;
        }
        if (!old.Equals(@new)) report(path, DiffKind.Update);
    }
}
