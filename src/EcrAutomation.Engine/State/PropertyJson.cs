using System.Text;
using System.Text.Json;
using EcrAutomation.Providers;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's JSON encoding of property values (signature keys, unknown sentinel). The engine reads and writes state with
/// it; providers use <see cref="ToDisplayObject(PropertyMap)"/> to render properties as plain JSON.
/// </summary>
public static class PropertyJson
{
    /// <summary>The string Pulumi uses for an unknown value in JSON (and <see cref="ToDisplayObject(PropertyValue)"/> shows for one).</summary>
    public const string UnknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    internal const string SigKey = "4dabf18193072939515e22adb298388d";
    internal const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";
    internal const string AssetSig = "c44067f5952c0a294b673a41bacd8c17";
    internal const string ArchiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
    internal const string ResourceReferenceSig = "5cf8f73096256a8f31e491e813e4eb8e";

    internal static void Write(Utf8JsonWriter w, PropertyMap map, SecretMode mode, Func<ISecretsManager>? secrets)
    {
        w.WriteStartObject();
        foreach (var (k, v) in map)
        {
            w.WritePropertyName(k);
            Write(w, v, mode, secrets);
        }
        w.WriteEndObject();
    }

    internal static void Write(Utf8JsonWriter w, PropertyValue v, SecretMode mode, Func<ISecretsManager>? secrets)
    {
        switch (v.Kind)
        {
            case PropertyKind.Null: w.WriteNullValue(); break;
            case PropertyKind.Bool: w.WriteBooleanValue(v.AsBool); break;
            case PropertyKind.Number: w.WriteNumberValue(v.AsNumber); break;
            case PropertyKind.String: w.WriteStringValue(v.AsString); break;
            case PropertyKind.Unknown: w.WriteStringValue(UnknownSentinel); break;
            case PropertyKind.List:
                w.WriteStartArray();
                foreach (var item in v.AsList) Write(w, item, mode, secrets);
                w.WriteEndArray();
                break;
            case PropertyKind.Map: Write(w, v.AsMap, mode, secrets); break;
            case PropertyKind.Secret:
                w.WriteStartObject();
                w.WriteString(SigKey, SecretSig);
                switch (mode)
                {
                    case SecretMode.Blind: w.WriteString("ciphertext", "[secret]"); break;
                    case SecretMode.Plaintext: w.WriteString("plaintext", InnerText(v.SecretValue)); break;
                    default:
                        var manager = secrets?.Invoke() ?? throw new SecretsException(PassphraseSource.MissingMessage);
                        w.WriteString("ciphertext", manager.Encrypt(InnerText(v.SecretValue)));
                        break;
                }
                w.WriteEndObject();
                break;
            case PropertyKind.ResourceReference:
                w.WriteStartObject();
                w.WriteString(SigKey, ResourceReferenceSig);
                w.WriteString("urn", v.AsReference.Urn);
                if (v.AsReference.Id is not null) w.WriteString("id", v.AsReference.Id);
                w.WriteEndObject();
                break;
            case PropertyKind.Asset or PropertyKind.Archive:
                var a = v.AsAsset;
                w.WriteStartObject();
                w.WriteString(SigKey, v.Kind == PropertyKind.Asset ? AssetSig : ArchiveSig);
                w.WriteString("hash", a.Hash);
                if (a.Text is not null) w.WriteString("text", a.Text);
                if (a.Path is not null) w.WriteString("path", a.Path);
                if (a.Uri is not null) w.WriteString("uri", a.Uri);
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>The secret's inner value serialized as JSON text (a string secret keeps its quotes), as Pulumi encrypts it.</summary>
    private static string InnerText(PropertyValue inner)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) Write(w, inner, SecretMode.Plaintext, null);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static PropertyMap ReadMap(JsonElement e, Func<ISecretsManager>? secrets)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new StateException($"a property map in the state must be an object, not {e.ValueKind}");
        return PropertyMap.From(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Read(p.Value, secrets))));
    }

    internal static PropertyValue Read(JsonElement e, Func<ISecretsManager>? secrets)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return PropertyValue.Null;
            case JsonValueKind.True: return PropertyValue.True;
            case JsonValueKind.False: return PropertyValue.False;
            case JsonValueKind.Number: return PropertyValue.Of(e.GetDouble());
            case JsonValueKind.String:
                var s = e.GetString()!;
                return s == UnknownSentinel ? PropertyValue.Unknown : PropertyValue.Of(s);
            case JsonValueKind.Array: return PropertyValue.Of(e.EnumerateArray().Select(x => Read(x, secrets)).ToList());
        }
        if (!e.TryGetProperty(SigKey, out var sig)) return PropertyValue.Of(ReadMap(e, secrets));
        switch (sig.GetString())
        {
            case SecretSig:
                var hasCipher = e.TryGetProperty("ciphertext", out var cipher);
                var hasPlain = e.TryGetProperty("plaintext", out var plain);
                if (hasCipher == hasPlain)
                    throw new StateException("malformed secret value: exactly one of `ciphertext` or `plaintext` must be supplied");
                string text;
                if (hasPlain) text = plain.GetString()!;
                else
                {
                    if (cipher.ValueKind != JsonValueKind.String) throw new StateException($"a secret's ciphertext must be a string, not {cipher.ValueKind}");
                    var manager = secrets?.Invoke() ?? throw new SecretsException(PassphraseSource.MissingMessage);
                    text = manager.Decrypt(cipher.GetString()!);
                }
                using (var doc = JsonDocument.Parse(text)) return PropertyValue.Secret(Read(doc.RootElement, secrets));
            case ResourceReferenceSig:
                return PropertyValue.Reference(e.GetProperty("urn").GetString()!, e.TryGetProperty("id", out var id) ? id.GetString() : null);
            case AssetSig or ArchiveSig:
                var asset = new AssetValue(
                    e.TryGetProperty("hash", out var h) ? h.GetString() ?? "" : "",
                    e.TryGetProperty("text", out var t) ? t.GetString() : null,
                    e.TryGetProperty("path", out var p) ? p.GetString() : null,
                    e.TryGetProperty("uri", out var u) ? u.GetString() : null);
                return sig.GetString() == AssetSig ? PropertyValue.Asset(asset) : PropertyValue.Archive(asset);
            default:
                throw new StateException($"unknown special value signature '{sig.GetString()}' in state");
        }
    }

    /// <summary>Plain CLR objects for display and events (secrets blinded to "[secret]").</summary>
    public static object? ToDisplayObject(PropertyValue v) => v.Kind switch
    {
        PropertyKind.Null => null,
        PropertyKind.Bool => v.AsBool,
        PropertyKind.Number => v.AsNumber,
        PropertyKind.String => v.AsString,
        PropertyKind.Unknown => UnknownSentinel,
        PropertyKind.Secret => "[secret]",
        PropertyKind.List => v.AsList.Select(ToDisplayObject).ToList(),
        PropertyKind.Map => ToDisplayObject(v.AsMap),
        PropertyKind.ResourceReference => v.AsReference.Urn,
        _ => v.AsAsset.Hash,
    };

    /// <summary>Plain CLR objects for a whole map (secrets blinded to "[secret]").</summary>
    public static Dictionary<string, object?> ToDisplayObject(PropertyMap map) => map.ToDictionary(kv => kv.Key, kv => ToDisplayObject(kv.Value));
}
