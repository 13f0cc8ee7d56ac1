using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// A container's environment as the kubelet builds it: <c>envFrom</c> (ConfigMaps and Secrets, with prefixes), then
/// <c>env</c> in order (<c>value</c> with <c>$(VAR)</c> references to earlier variables, <c>valueFrom</c> fieldRef,
/// configMapKeyRef and secretKeyRef), and <c>$(VAR)</c> expansion of command and args; plus resource limits.
/// </summary>
internal static partial class ContainerEnvironment
{
    /// <summary>Builds the runtime spec of <paramref name="container"/>, or says why it cannot (CreateContainerConfigError).</summary>
    public static PodContainerSpec Build(ObjectStore store, JsonObject pod, JsonObject container, string imageId, Action<PodLogLine> onLog)
    {
        var ns = pod.Namespace();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var prefix = source["prefix"].Text() ?? string.Empty;
            foreach (var (key, value) in SourceData(store, ns, source))
            {
                env[prefix + key] = value;
            }
        }

        foreach (var variable in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = variable["name"].Text() ?? string.Empty;
            if (variable["valueFrom"] is JsonObject from)
            {
                if (ValueFrom(store, pod, from) is { } value)
                {
                    env[name] = value;
                }
            }
            else
            {
                env[name] = Expand(variable["value"].Text() ?? string.Empty, env);
            }
        }

        return new PodContainerSpec
        {
            Name = container["name"].Text() ?? string.Empty,
            ImageId = imageId,
            Command = Strings(container["command"])?.Select(s => Expand(s, env)).ToList(),
            Args = Strings(container["args"])?.Select(s => Expand(s, env)).ToList(),
            Environment = env,
            WorkingDirectory = container["workingDir"].Text() is { Length: > 0 } dir ? dir : null,
            MemoryLimitBytes = container["resources"]?["limits"]?["memory"].Text() is { } memory ? Bytes(memory) : null,
            CpuLimit = container["resources"]?["limits"]?["cpu"] is { } cpu ? Cores(cpu.ToString()) : null,
            OnLog = onLog,
        };
    }

    private static List<string>? Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n.Text() ?? string.Empty)] : null;

    /// <summary>Kubernetes' <c>$(VAR)</c> expansion: known variables are replaced, <c>$$</c> escapes, unknown references stay as written.</summary>
    private static string Expand(string text, IReadOnlyDictionary<string, string> env)
        => VariableReference().Replace(text, m => m.Value == "$$" ? "$" : env.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);

    private static IEnumerable<KeyValuePair<string, string>> SourceData(ObjectStore store, string ns, JsonObject source)
    {
        if (source["configMapRef"] is JsonObject configMap)
        {
            return Data(store, KubernetesResources.ConfigMaps, ns, configMap, "configmap", decode: false) ?? [];
        }

        if (source["secretRef"] is JsonObject secret)
        {
            return Data(store, KubernetesResources.Secrets, ns, secret, "secret", decode: true) ?? [];
        }

        return [];
    }

    private static Dictionary<string, string>? Data(ObjectStore store, GroupVersionResource resource, string ns, JsonObject reference, string kind, bool decode)
    {
        var name = reference["name"].Text() ?? string.Empty;
        var obj = store.Get(resource, ns, name);
        if (obj is null)
        {
            return reference["optional"]?.GetValue<bool>() == true ? null : throw new InvalidOperationException($"{kind} \"{name}\" not found");
        }

        return ObjectJson.StringMap(obj["data"]).ToDictionary(
            p => p.Key,
            p => decode ? Encoding.UTF8.GetString(Convert.FromBase64String(p.Value)) : p.Value,
            StringComparer.Ordinal);
    }

    private static string? ValueFrom(ObjectStore store, JsonObject pod, JsonObject from)
    {
        if (from["fieldRef"]?["fieldPath"].Text() is { } path)
        {
            return path switch
            {
                "metadata.name" => pod.Name(),
                "metadata.namespace" => pod.Namespace(),
                "metadata.uid" => pod.Uid(),
                "spec.nodeName" => pod["spec"]?["nodeName"].Text() ?? string.Empty,
                "spec.serviceAccountName" => pod["spec"]?["serviceAccountName"].Text() ?? string.Empty,
                "status.hostIP" => pod["status"]?["hostIP"].Text() ?? string.Empty,
                "status.podIP" => pod["status"]?["podIP"].Text() ?? string.Empty,
                _ when FieldLabel().Match(path) is { Success: true } m => (m.Groups["map"].Value == "labels" ? pod.Labels() : ObjectJson.StringMap(pod["metadata"]?["annotations"]))
                    .GetValueOrDefault(m.Groups["key"].Value, string.Empty),
                _ => throw new InvalidOperationException($"unsupported fieldRef fieldPath \"{path}\""),
            };
        }

        foreach (var (property, resource, kind, decode) in new[]
                 {
                     ("configMapKeyRef", KubernetesResources.ConfigMaps, "configmap", false),
                     ("secretKeyRef", KubernetesResources.Secrets, "secret", true),
                 })
        {
            if (from[property] is JsonObject reference)
            {
                var key = reference["key"].Text() ?? string.Empty;
                var data = Data(store, resource, pod.Namespace(), reference, kind, decode);
                if (data is not null && data.TryGetValue(key, out var value))
                {
                    return value;
                }

                return reference["optional"]?.GetValue<bool>() == true
                    ? null
                    : throw new InvalidOperationException($"couldn't find key {key} in {(kind == "secret" ? "Secret" : "ConfigMap")} {pod.Namespace()}/{reference["name"].Text()}");
            }
        }

        return null;
    }

    /// <summary>A memory quantity (<c>128Mi</c>, <c>1G</c>, <c>1e9</c>) in bytes.</summary>
    private static long Bytes(string quantity)
    {
        var match = Quantity().Match(quantity.Trim());
        if (!match.Success)
        {
            throw new InvalidOperationException($"invalid memory quantity \"{quantity}\"");
        }

        var number = double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups["suffix"].Value switch
        {
            "Ki" => 1L << 10, "Mi" => 1L << 20, "Gi" => 1L << 30, "Ti" => 1L << 40,
            "k" => 1_000L, "M" => 1_000_000L, "G" => 1_000_000_000L, "T" => 1_000_000_000_000L,
            "m" => 0.001, _ => 1L,
        };
        return (long)Math.Ceiling(number * factor);
    }

    /// <summary>A CPU quantity (<c>500m</c>, <c>1.5</c>) in cores.</summary>
    private static double Cores(string quantity)
        => quantity.EndsWith('m')
            ? double.Parse(quantity[..^1], CultureInfo.InvariantCulture) / 1000
            : double.Parse(quantity, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\$|\$\((?<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^metadata\.(?<map>labels|annotations)\['(?<key>[^']+)'\]$")]
    private static partial Regex FieldLabel();

    [GeneratedRegex(@"^(?<number>[0-9.]+(?:[eE][0-9]+)?)(?<suffix>Ki|Mi|Gi|Ti|k|M|G|T|m)?$")]
    private static partial Regex Quantity();
}
