using System.Text;
using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>
/// Decodes the Kubernetes protobuf request bodies that kubectl's typed clients send (<c>kubectl create namespace</c>,
/// <c>create secret|configmap|serviceaccount|deployment|service</c>, <c>run</c>): the <c>k8s\0</c> envelope around
/// <c>runtime.Unknown</c>, then the object by the field numbers of the API's generated.proto, for the fields those
/// commands set. A non-empty field this table does not know makes the body unsupported (415), never silently dropped.
/// </summary>
internal static class ProtobufBody
{
    private enum Kind { String, Bytes, Int, Bool, Message, MapString, MapBytes, MapQuantity, IntOrString, Skipped }

    private sealed record Field(string Name, Kind Kind, string? Message = null, bool Repeated = false, bool Pointer = false);

    private static readonly Field Metadata = new("metadata", Kind.Message, "ObjectMeta");

    private static readonly Dictionary<string, Dictionary<int, Field>> Messages = new(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("generateName", Kind.String), [3] = new("namespace", Kind.String),
            [4] = new("selfLink", Kind.String), [5] = new("uid", Kind.String), [6] = new("resourceVersion", Kind.String),
            [7] = new("generation", Kind.Int), [8] = new("creationTimestamp", Kind.Skipped), [9] = new("deletionTimestamp", Kind.Skipped),
            [10] = new("deletionGracePeriodSeconds", Kind.Int, Pointer: true), [11] = new("labels", Kind.MapString),
            [12] = new("annotations", Kind.MapString), [13] = new("ownerReferences", Kind.Message, "OwnerReference", Repeated: true),
            [14] = new("finalizers", Kind.String, Repeated: true),
        },
        ["OwnerReference"] = new()
        {
            [1] = new("kind", Kind.String), [3] = new("name", Kind.String), [4] = new("uid", Kind.String), [5] = new("apiVersion", Kind.String),
            [6] = new("controller", Kind.Bool, Pointer: true), [7] = new("blockOwnerDeletion", Kind.Bool, Pointer: true),
        },
        ["Namespace"] = new() { [1] = Metadata, [2] = new("spec", Kind.Message, "NamespaceSpec"), [3] = new("status", Kind.Skipped) },
        ["NamespaceSpec"] = new() { [1] = new("finalizers", Kind.String, Repeated: true) },
        ["ConfigMap"] = new()
        {
            [1] = Metadata, [2] = new("data", Kind.MapString), [3] = new("binaryData", Kind.MapBytes), [4] = new("immutable", Kind.Bool, Pointer: true),
        },
        ["Secret"] = new()
        {
            [1] = Metadata, [2] = new("data", Kind.MapBytes), [3] = new("type", Kind.String), [4] = new("stringData", Kind.MapString),
            [5] = new("immutable", Kind.Bool, Pointer: true),
        },
        ["ServiceAccount"] = new()
        {
            [1] = Metadata, [3] = new("imagePullSecrets", Kind.Message, "LocalObjectReference", Repeated: true),
            [4] = new("automountServiceAccountToken", Kind.Bool, Pointer: true),
        },
        ["LocalObjectReference"] = new() { [1] = new("name", Kind.String) },
        ["Deployment"] = new() { [1] = Metadata, [2] = new("spec", Kind.Message, "DeploymentSpec"), [3] = new("status", Kind.Skipped) },
        ["DeploymentSpec"] = new()
        {
            [1] = new("replicas", Kind.Int, Pointer: true), [2] = new("selector", Kind.Message, "LabelSelector"),
            [3] = new("template", Kind.Message, "PodTemplateSpec"), [4] = new("strategy", Kind.Message, "DeploymentStrategy"),
            [5] = new("minReadySeconds", Kind.Int), [6] = new("revisionHistoryLimit", Kind.Int, Pointer: true), [7] = new("paused", Kind.Bool),
            [9] = new("progressDeadlineSeconds", Kind.Int, Pointer: true),
        },
        ["LabelSelector"] = new() { [1] = new("matchLabels", Kind.MapString) },
        ["DeploymentStrategy"] = new() { [1] = new("type", Kind.String), [2] = new("rollingUpdate", Kind.Message, "RollingUpdateDeployment") },
        ["RollingUpdateDeployment"] = new() { [1] = new("maxUnavailable", Kind.IntOrString), [2] = new("maxSurge", Kind.IntOrString) },
        ["PodTemplateSpec"] = new() { [1] = Metadata, [2] = new("spec", Kind.Message, "PodSpec") },
        ["Pod"] = new() { [1] = Metadata, [2] = new("spec", Kind.Message, "PodSpec"), [3] = new("status", Kind.Skipped) },
        ["PodSpec"] = new()
        {
            [2] = new("containers", Kind.Message, "Container", Repeated: true), [3] = new("restartPolicy", Kind.String),
            [4] = new("terminationGracePeriodSeconds", Kind.Int, Pointer: true), [6] = new("dnsPolicy", Kind.String),
            [7] = new("nodeSelector", Kind.MapString), [8] = new("serviceAccountName", Kind.String), [9] = new("serviceAccount", Kind.String),
            [10] = new("nodeName", Kind.String), [11] = new("hostNetwork", Kind.Bool), [12] = new("hostPID", Kind.Bool),
            [13] = new("hostIPC", Kind.Bool), [16] = new("hostname", Kind.String), [17] = new("subdomain", Kind.String),
            [19] = new("schedulerName", Kind.String), [20] = new("initContainers", Kind.Message, "Container", Repeated: true),
            [24] = new("priorityClassName", Kind.String),
        },
        ["Container"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("image", Kind.String), [3] = new("command", Kind.String, Repeated: true),
            [4] = new("args", Kind.String, Repeated: true), [5] = new("workingDir", Kind.String),
            [6] = new("ports", Kind.Message, "ContainerPort", Repeated: true), [7] = new("env", Kind.Message, "EnvVar", Repeated: true),
            [8] = new("resources", Kind.Message, "ResourceRequirements"), [13] = new("terminationMessagePath", Kind.String),
            [14] = new("imagePullPolicy", Kind.String), [16] = new("stdin", Kind.Bool), [17] = new("stdinOnce", Kind.Bool),
            [18] = new("tty", Kind.Bool), [20] = new("terminationMessagePolicy", Kind.String),
        },
        ["ContainerPort"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("hostPort", Kind.Int), [3] = new("containerPort", Kind.Int),
            [4] = new("protocol", Kind.String), [5] = new("hostIP", Kind.String),
        },
        ["EnvVar"] = new() { [1] = new("name", Kind.String), [2] = new("value", Kind.String) },
        ["ResourceRequirements"] = new() { [1] = new("limits", Kind.MapQuantity), [2] = new("requests", Kind.MapQuantity) },
        ["Service"] = new() { [1] = Metadata, [2] = new("spec", Kind.Message, "ServiceSpec"), [3] = new("status", Kind.Skipped) },
        ["ServiceSpec"] = new()
        {
            [1] = new("ports", Kind.Message, "ServicePort", Repeated: true), [2] = new("selector", Kind.MapString),
            [3] = new("clusterIP", Kind.String), [4] = new("type", Kind.String), [5] = new("externalIPs", Kind.String, Repeated: true),
            [7] = new("sessionAffinity", Kind.String), [8] = new("loadBalancerIP", Kind.String), [10] = new("externalName", Kind.String),
            [11] = new("externalTrafficPolicy", Kind.String), [12] = new("healthCheckNodePort", Kind.Int),
            [13] = new("publishNotReadyAddresses", Kind.Bool), [18] = new("clusterIPs", Kind.String, Repeated: true),
        },
        ["ServicePort"] = new()
        {
            [1] = new("name", Kind.String), [2] = new("protocol", Kind.String), [3] = new("port", Kind.Int),
            [4] = new("targetPort", Kind.IntOrString), [5] = new("nodePort", Kind.Int),
        },
    };

    /// <summary>The object in a protobuf body, as JSON.</summary>
    /// <exception cref="ApiStatus">415 when the kind or one of its set fields is not in the table; 400 when the bytes are malformed.</exception>
    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || body[0] != 'k' || body[1] != '8' || body[2] != 's' || body[3] != 0)
        {
            throw ApiStatus.BadRequest("the protobuf body does not start with the k8s\\0 envelope");
        }

        try
        {
            string? apiVersion = null, kind = null;
            ReadOnlyMemory<byte> raw = default;
            foreach (var (number, _, value, bytes) in Fields(body.AsMemory(4)))
            {
                if (number == 1)
                {
                    foreach (var (typeField, _, _, typeBytes) in Fields(bytes))
                    {
                        var text = Encoding.UTF8.GetString(typeBytes.Span);
                        (apiVersion, kind) = typeField == 1 ? (text, kind) : (apiVersion, text);
                    }
                }
                else if (number == 2)
                {
                    raw = bytes;
                }
                else if (number == 4 && value == 0 && bytes.Length > 0 && Encoding.UTF8.GetString(bytes.Span) is not ("" or "application/vnd.kubernetes.protobuf"))
                {
                    throw Unsupported(kind);
                }
            }

            if (kind is null || !Messages.ContainsKey(kind))
            {
                throw Unsupported(kind);
            }

            var obj = Message(kind, raw);
            obj["apiVersion"] = apiVersion;
            obj["kind"] = kind;
            return obj;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException or InvalidDataException)
        {
            throw ApiStatus.BadRequest($"the protobuf body is malformed: {e.Message}");
        }
    }

    private static ApiStatus Unsupported(string? kind) =>
        ApiStatus.UnsupportedMediaType($"application/vnd.kubernetes.protobuf (for {kind ?? "this object"}; send JSON, e.g. kubectl apply -f)");

    private static JsonObject Message(string type, ReadOnlyMemory<byte> bytes)
    {
        var schema = Messages[type];
        var result = new JsonObject();
        foreach (var (number, wireType, varint, payload) in Fields(bytes))
        {
            if (!schema.TryGetValue(number, out var field))
            {
                if (varint != 0 || payload.Length > 0)
                {
                    throw Unsupported(type);
                }

                continue;
            }

            var value = field.Kind switch
            {
                Kind.Skipped => null,
                Kind.String => wireType == 2 && (payload.Length > 0 || field.Pointer || field.Repeated) ? JsonValue.Create(Encoding.UTF8.GetString(payload.Span)) : null,
                Kind.Bytes => JsonValue.Create(Convert.ToBase64String(payload.Span)),
                Kind.Int => varint != 0 || field.Pointer ? JsonValue.Create(varint) : null,
                Kind.Bool => varint != 0 || field.Pointer ? JsonValue.Create(varint != 0) : null,
                Kind.Message => Message(field.Message!, payload),
                Kind.IntOrString => IntOrString(payload),
                _ => null,
            };
            if (field.Kind is Kind.MapString or Kind.MapBytes or Kind.MapQuantity)
            {
                var map = result[field.Name] as JsonObject ?? [];
                var (key, entry) = MapEntry(payload, field.Kind);
                map[key] = entry;
                result[field.Name] = map;
            }
            else if (field.Repeated)
            {
                var list = result[field.Name] as JsonArray ?? [];
                list.Add(value);
                result[field.Name] = list;
            }
            else if (value is not null)
            {
                result[field.Name] = value;
            }
        }

        return result;
    }

    private static (string Key, JsonNode? Value) MapEntry(ReadOnlyMemory<byte> entry, Kind kind)
    {
        var key = string.Empty;
        JsonNode? value = JsonValue.Create(string.Empty);
        foreach (var (number, _, _, payload) in Fields(entry))
        {
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(payload.Span);
            }
            else if (number == 2)
            {
                value = kind switch
                {
                    Kind.MapBytes => JsonValue.Create(Convert.ToBase64String(payload.Span)),
                    Kind.MapQuantity => JsonValue.Create(Fields(payload).Where(f => f.Number == 1).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault() ?? "0"),
                    _ => JsonValue.Create(Encoding.UTF8.GetString(payload.Span)),
                };
            }
        }

        return (key, value);
    }

    private static JsonNode? IntOrString(ReadOnlyMemory<byte> bytes)
    {
        long type = 0, number = 0;
        var text = string.Empty;
        foreach (var (field, _, varint, payload) in Fields(bytes))
        {
            switch (field)
            {
                case 1: type = varint; break;
                case 2: number = varint; break;
                case 3: text = Encoding.UTF8.GetString(payload.Span); break;
            }
        }

        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(number);
    }

    private static List<(int Number, int WireType, long Varint, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> memory)
    {
        var fields = new List<(int, int, long, ReadOnlyMemory<byte>)>();
        var span = memory.Span;
        var offset = 0;
        while (offset < span.Length)
        {
            var tag = ReadVarint(span, ref offset);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((number, wireType, (long)ReadVarint(span, ref offset), ReadOnlyMemory<byte>.Empty));
                    break;
                case 2:
                    var length = checked((int)ReadVarint(span, ref offset));
                    fields.Add((number, wireType, 0, memory.Slice(offset, length)));
                    offset += length;
                    break;
                case 1:
                    fields.Add((number, wireType, BitConverter.ToInt64(span.Slice(offset, 8)), ReadOnlyMemory<byte>.Empty));
                    offset += 8;
                    break;
                case 5:
                    fields.Add((number, wireType, BitConverter.ToInt32(span.Slice(offset, 4)), ReadOnlyMemory<byte>.Empty));
                    offset += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} is not supported");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[offset++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("a varint is too long");
    }
}
