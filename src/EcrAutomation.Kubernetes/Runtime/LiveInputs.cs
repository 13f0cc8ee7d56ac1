using System.Text;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>
/// The inputs a live object has now, for refresh and import. Refresh keeps the shape of the recorded inputs and takes
/// each field's live value (a field the program never set, such as a server default, is not an input, so a refresh
/// leaves no diff behind; a field changed with kubectl is, so the next up applies the program's value again). An import
/// without inputs takes the live object minus what the server sets.
/// </summary>
internal static class LiveInputs
{
    private static readonly string[] ServerSetMetadata =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "finalizers"];

    private static readonly string[] ServerSetAnnotations = ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration"];

    /// <summary>The live values of the fields <paramref name="recorded"/> sets (engine keys <c>__*</c> kept as recorded).</summary>
    public static PropertyMap Project(KubernetesKind kind, PropertyMap recorded, PropertyMap live)
    {
        var projected = PropertyMap.Empty;
        foreach (var (key, value) in recorded)
        {
            if (key.StartsWith("__", StringComparison.Ordinal)) projected = projected.Set(key, value);
            else if (kind == KubernetesKinds.CoreV1Secret && key == "stringData") projected = projected.Set(key, StringDataFromLive(value, live));
            else if (live.TryGetValue(key, out var l)) projected = projected.Set(key, Project(value, l));
        }
        return projected;
    }

    private static PropertyValue Project(PropertyValue shape, PropertyValue live)
    {
        if (shape.IsSecret || live.IsSecret) return PropertyValue.Secret(Project(shape.Unsecret(), live.Unsecret()));
        if (shape.Kind == PropertyKind.Map && live.Kind == PropertyKind.Map)
        {
            var map = PropertyMap.Empty;
            foreach (var (key, value) in shape.AsMap)
                if (live.AsMap.TryGetValue(key, out var l)) map = map.Set(key, Project(value, l));
            return PropertyValue.Of(map);
        }
        if (shape.Kind == PropertyKind.List && live.Kind == PropertyKind.List && shape.AsList.Length > 0)
            return PropertyValue.Of(live.AsList.Select((l, i) => Project(shape.AsList[Math.Min(i, shape.AsList.Length - 1)], l)));
        return live;
    }

    /// <summary>The API server folds <c>stringData</c> into <c>data</c> (base64): a key still holding the recorded text keeps it.</summary>
    private static PropertyValue StringDataFromLive(PropertyValue recorded, PropertyMap live)
    {
        var data = live.TryGetValue("data", out var d) && d.Unsecret().Kind == PropertyKind.Map ? d.Unsecret().AsMap : PropertyMap.Empty;
        var map = PropertyMap.Empty;
        foreach (var (key, value) in recorded.Unsecret().Kind == PropertyKind.Map ? recorded.Unsecret().AsMap : PropertyMap.Empty)
        {
            if (data.GetString(key) is not { } encoded) continue;
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
            catch (FormatException) { continue; }
            map = map.Set(key, PropertyValue.Of(decoded));
        }
        return PropertyValue.Secret(PropertyValue.Of(map));
    }

    /// <summary>The live object as inputs: without status and the metadata the server sets.</summary>
    public static PropertyMap FromLive(PropertyMap live)
    {
        var inputs = live.Remove("status");
        foreach (var field in ServerSetMetadata) inputs = ObjectConversion.RemoveAt(inputs, "metadata", field);
        foreach (var annotation in ServerSetAnnotations) inputs = ObjectConversion.RemoveAt(inputs, "metadata", "annotations", annotation);
        // The cluster IP is the server's choice; as an input it would force a replacement when the program leaves it out.
        inputs = ObjectConversion.RemoveAt(ObjectConversion.RemoveAt(inputs, "spec", "clusterIP"), "spec", "clusterIPs");
        if (ObjectConversion.At(inputs, "metadata", "annotations") is { Kind: PropertyKind.Map } annotations && annotations.AsMap.Count == 0)
            inputs = ObjectConversion.RemoveAt(inputs, "metadata", "annotations");
        return inputs;
    }
}
