using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's checkpoint formats: the on-disk <c>VersionedCheckpoint</c> (<c>{version, checkpoint:{stack, latest}}</c>) and
/// the export form <c>{version: 3, deployment}</c>, both holding a <c>DeploymentV3</c>.
/// </summary>
public static class CheckpointSerializer
{
    public const int Version = 3;
    public const string EngineVersion = "3.200.0-ecr-automation";

    public static void WriteCheckpoint(Stream stream, string fullyQualifiedStack, Snapshot snapshot, ISecretsManager? secretsManager, DateTimeOffset now)
    {
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteNumber("version", Version);
        w.WriteStartObject("checkpoint");
        w.WriteString("stack", fullyQualifiedStack);
        w.WritePropertyName("latest");
        WriteDeployment(w, snapshot, secretsManager, SecretMode.Encrypt, now);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string Export(Snapshot snapshot, ISecretsManager? secretsManager, bool showSecrets, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WritePropertyName("deployment");
            WriteDeployment(w, snapshot, secretsManager, showSecrets ? SecretMode.Plaintext : SecretMode.Encrypt, now);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteDeployment(Utf8JsonWriter w, Snapshot snapshot, ISecretsManager? secretsManager, SecretMode mode, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteStartObject("manifest");
        w.WriteString("time", now.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("magic", Magic(EngineVersion));
        w.WriteString("version", EngineVersion);
        w.WriteEndObject();
        if (secretsManager is not null)
        {
            w.WriteStartObject("secrets_providers");
            w.WriteString("type", secretsManager.Type);
            w.WriteStartObject("state");
            w.WriteString("salt", secretsManager.EncryptionSalt);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        Func<ISecretsManager>? secrets = secretsManager is null ? null : () => secretsManager;
        if (snapshot.Resources.Count > 0)
        {
            w.WriteStartArray("resources");
            foreach (var r in snapshot.Resources) WriteResource(w, r, mode, secrets);
            w.WriteEndArray();
        }
        if (snapshot.PendingOperations.Count > 0)
        {
            w.WriteStartArray("pending_operations");
            foreach (var op in snapshot.PendingOperations)
            {
                w.WriteStartObject();
                w.WritePropertyName("resource");
                WriteResource(w, op.Resource, mode, secrets);
                w.WriteString("type", op.Type);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void WriteResource(Utf8JsonWriter w, ResourceState r, SecretMode mode, Func<ISecretsManager>? secrets)
    {
        w.WriteStartObject();
        w.WriteString("urn", r.Urn);
        w.WriteBoolean("custom", r.Custom);
        if (r.Delete) w.WriteBoolean("delete", true);
        if (!string.IsNullOrEmpty(r.Id)) w.WriteString("id", r.Id);
        w.WriteString("type", r.Type);
        if (r.Inputs.Count > 0) { w.WritePropertyName("inputs"); PropertyJson.Write(w, r.Inputs, mode, secrets); }
        if (r.Outputs.Count > 0) { w.WritePropertyName("outputs"); PropertyJson.Write(w, r.Outputs, mode, secrets); }
        if (r.Parent is not null) w.WriteString("parent", r.Parent);
        if (r.Protect) w.WriteBoolean("protect", true);
        if (r.Dependencies.Count > 0) WriteStrings(w, "dependencies", r.Dependencies);
        if (r.Provider is not null) w.WriteString("provider", r.Provider);
        if (r.PropertyDependencies.Count > 0)
        {
            w.WriteStartObject("propertyDependencies");
            foreach (var (k, v) in r.PropertyDependencies) WriteStrings(w, k, v);
            w.WriteEndObject();
        }
        if (r.AdditionalSecretOutputs.Count > 0) WriteStrings(w, "additionalSecretOutputs", r.AdditionalSecretOutputs);
        if (r.CustomTimeouts is { } t)
        {
            w.WriteStartObject("customTimeouts");
            if (t.Create is { } c) w.WriteNumber("create", c.TotalSeconds);
            if (t.Update is { } u) w.WriteNumber("update", u.TotalSeconds);
            if (t.Delete is { } d) w.WriteNumber("delete", d.TotalSeconds);
            w.WriteEndObject();
        }
        if (r.ImportId is not null) w.WriteString("importID", r.ImportId);
        if (r.RetainOnDelete) w.WriteBoolean("retainOnDelete", true);
        if (r.Created is { } created) w.WriteString("created", created.ToString("O", CultureInfo.InvariantCulture));
        if (r.Modified is { } modified) w.WriteString("modified", modified.ToString("O", CultureInfo.InvariantCulture));
        if (r.IgnoreChanges.Count > 0) WriteStrings(w, "ignoreChanges", r.IgnoreChanges);
        if (r.ReplaceOnChanges.Count > 0) WriteStrings(w, "replaceOnChanges", r.ReplaceOnChanges);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>Reads a checkpoint file's DeploymentV3 (or an empty snapshot for a stack never deployed).</summary>
    public static (Snapshot Snapshot, string? SecretsSalt) ReadCheckpoint(ReadOnlySpan<byte> json, Func<string?, ISecretsManager>? secrets)
    {
        using var doc = ParseOrThrow(json, "checkpoint");
        var root = doc.RootElement;
        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        CheckVersion(version);
        if (!root.TryGetProperty("checkpoint", out var checkpoint))
            throw new StateException("the stack file has no 'checkpoint' member; it is not a Pulumi checkpoint (VersionedCheckpoint) file");
        if (!checkpoint.TryGetProperty("latest", out var latest) || latest.ValueKind != JsonValueKind.Object) return (Snapshot.Empty, null);
        return ReadDeployment(latest, secrets);
    }

    /// <summary>Reads an export (<c>{version, deployment}</c>).</summary>
    public static (Snapshot Snapshot, string? SecretsSalt) ReadExport(ReadOnlySpan<byte> json, Func<string?, ISecretsManager>? secrets)
    {
        using var doc = ParseOrThrow(json, "deployment");
        var root = doc.RootElement;
        CheckVersion(root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0);
        if (!root.TryGetProperty("deployment", out var deployment))
            throw new StateException("the file has no 'deployment' member; expected the output of 'stack export' ({\"version\": 3, \"deployment\": {...}})");
        return ReadDeployment(deployment, secrets);
    }

    private static JsonDocument ParseOrThrow(ReadOnlySpan<byte> json, string what)
    {
        try { return JsonDocument.Parse(json.ToArray()); }
        catch (JsonException e)
        {
            throw new StateException($"the {what} is not valid JSON (it may be truncated or corrupt): {e.Message}. Nothing was changed; restore it from the .bak file or the history folder, or import a known-good export.", e);
        }
    }

    private static void CheckVersion(int version)
    {
        if (version > 4) throw new StateException("this stack's deployment version is too new; upgrade ecr-automation to read it");
        if (version < 3) throw new StateException($"deployment version {version} is not supported; only versions 3 and 4 are read");
    }

    private static (Snapshot, string?) ReadDeployment(JsonElement d, Func<string?, ISecretsManager>? secrets)
    {
        string? salt = null;
        if (d.TryGetProperty("secrets_providers", out var sp) && sp.ValueKind == JsonValueKind.Object &&
            sp.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object && state.TryGetProperty("salt", out var s))
            salt = s.GetString();
        ISecretsManager? manager = null;
        Func<ISecretsManager>? lazy = secrets is null ? null : () => manager ??= secrets(salt);
        var resources = new List<ResourceState>();
        if (d.TryGetProperty("resources", out var rs) && rs.ValueKind == JsonValueKind.Array)
            foreach (var r in rs.EnumerateArray()) resources.Add(ReadResource(r, lazy));
        var pending = new List<PendingOperation>();
        if (d.TryGetProperty("pending_operations", out var ps) && ps.ValueKind == JsonValueKind.Array)
            foreach (var p in ps.EnumerateArray())
                pending.Add(new PendingOperation(ReadResource(p.GetProperty("resource"), lazy), p.GetProperty("type").GetString()!));
        Verify(resources);
        return (new Snapshot(resources, pending), salt);
    }

    public static ResourceState ReadResource(JsonElement r, Func<ISecretsManager>? secrets)
    {
        string? Str(string name) => r.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        bool Bool(string name) => r.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.True;
        IReadOnlyList<string> Strings(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array ? [.. p.EnumerateArray().Select(x => x.GetString()!)] : [];
        DateTimeOffset? Time(string name) => Str(name) is { } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : null;
        TimeSpan? Seconds(JsonElement t, string name) => t.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number && p.GetDouble() > 0 ? TimeSpan.FromSeconds(p.GetDouble()) : null;

        var urn = Str("urn") ?? throw new StateException("a resource in the state has no 'urn'");
        var type = Str("type") ?? throw new StateException($"resource '{urn}' in the state has no 'type'");
        var propertyDependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (r.TryGetProperty("propertyDependencies", out var pd) && pd.ValueKind == JsonValueKind.Object)
            foreach (var p in pd.EnumerateObject()) propertyDependencies[p.Name] = [.. p.Value.EnumerateArray().Select(x => x.GetString()!)];
        CustomTimeouts? timeouts = null;
        if (r.TryGetProperty("customTimeouts", out var ct) && ct.ValueKind == JsonValueKind.Object)
            timeouts = new CustomTimeouts { Create = Seconds(ct, "create"), Update = Seconds(ct, "update"), Delete = Seconds(ct, "delete") };
        return new ResourceState
        {
            Urn = urn,
            Type = type,
            Custom = Bool("custom"),
            Delete = Bool("delete"),
            Id = Str("id"),
            Inputs = r.TryGetProperty("inputs", out var i) ? PropertyJson.ReadMap(i, secrets) : Providers.PropertyMap.Empty,
            Outputs = r.TryGetProperty("outputs", out var o) ? PropertyJson.ReadMap(o, secrets) : Providers.PropertyMap.Empty,
            Parent = Str("parent") is { Length: > 0 } parent ? parent : null,
            Protect = Bool("protect"),
            RetainOnDelete = Bool("retainOnDelete"),
            Dependencies = Strings(r, "dependencies"),
            PropertyDependencies = propertyDependencies,
            AdditionalSecretOutputs = Strings(r, "additionalSecretOutputs"),
            IgnoreChanges = Strings(r, "ignoreChanges"),
            ReplaceOnChanges = Strings(r, "replaceOnChanges"),
            CustomTimeouts = timeouts,
            ImportId = Str("importID"),
            Provider = Str("provider"),
            Created = Time("created"),
            Modified = Time("modified"),
        };
    }

    /// <summary>Pulumi's integrity rules: unique live URNs, no id on components, parents and dependencies earlier.</summary>
    public static void Verify(IReadOnlyList<ResourceState> resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (!Urns.IsValid(r.Urn)) throw new StateException($"'{r.Urn}' in the state is not a valid URN");
            if (!r.Custom && !string.IsNullOrEmpty(r.Id)) throw new StateException($"component resource '{r.Urn}' has an id; only custom resources may");
            if (r.Parent is not null && !seen.Contains(r.Parent))
                throw new StateException($"child resource {r.Urn}'s parent {r.Parent} comes after it (or is missing)");
            foreach (var d in r.Dependencies)
                if (!seen.Contains(d)) throw new StateException($"resource {r.Urn}'s dependency {d} comes after it (or is missing)");
            if (!r.Delete && !live.Add(r.Urn)) throw new StateException($"duplicate resource URN '{r.Urn}' in the state");
            seen.Add(r.Urn);
        }
    }

    /// <summary>SHA-256 of the engine version, as Pulumi's manifest magic cookie.</summary>
    public static string Magic(string version) =>
        version.Length == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version)));
}
