using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcrAutomation.Providers;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Pulumi's checkpoint formats: the on-disk <c>VersionedCheckpoint</c> (<c>{version, checkpoint:{stack, latest}}</c>) and
/// the export form <c>{version: 3, deployment}</c>, both holding a <c>DeploymentV3</c>.
/// </summary>
internal static class CheckpointSerializer
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
            w.WritePropertyName("state");
            w.WriteRawValue(secretsManager.State);
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
                w.WriteString("type", WireNames.Of(op.Type));
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
        if (r.External) w.WriteBoolean("external", true);
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

    /// <summary>Reads a checkpoint file's DeploymentV3 (or an empty snapshot for a stack never deployed). Anything that
    /// does not parse fully, member by member, is a <see cref="StateException"/> naming the member. The secrets
    /// provider is the deployment's <c>secrets_providers</c> object as JSON (<c>{type, state}</c>), null when it has none;
    /// <paramref name="secrets"/> opens the manager for it when a secret is met.</summary>
    public static (Snapshot Snapshot, string? SecretsProvider) ReadCheckpoint(ReadOnlySpan<byte> json, Func<string?, ISecretsManager>? secrets)
    {
        using var doc = ParseOrThrow(json, "checkpoint");
        var root = Expect(doc.RootElement, JsonValueKind.Object, "the checkpoint file");
        CheckVersion(root);
        var checkpoint = Member(root, "checkpoint", JsonValueKind.Object, "")
            ?? throw new StateException("the stack file has no 'checkpoint' member; it is not a Pulumi checkpoint (VersionedCheckpoint) file");
        Member(checkpoint, "stack", JsonValueKind.String, "checkpoint");
        return Member(checkpoint, "latest", JsonValueKind.Object, "checkpoint") is { } latest
            ? Strictly(() => ReadDeployment(latest, "checkpoint.latest", secrets))
            : (Snapshot.Empty, null);
    }

    /// <summary>Reads an export (<c>{version, deployment}</c>), checked as strictly as a checkpoint.</summary>
    public static (Snapshot Snapshot, string? SecretsProvider) ReadExport(ReadOnlySpan<byte> json, Func<string?, ISecretsManager>? secrets)
    {
        using var doc = ParseOrThrow(json, "deployment");
        var root = Expect(doc.RootElement, JsonValueKind.Object, "the export");
        CheckVersion(root);
        var deployment = Member(root, "deployment", JsonValueKind.Object, "")
            ?? throw new StateException("the file has no 'deployment' member; expected the output of 'stack export' ({\"version\": 3, \"deployment\": {...}})");
        return Strictly(() => ReadDeployment(deployment, "deployment", secrets));
    }

    /// <summary>A value of the wrong shape deep inside a property (a secret's ciphertext that is a number, say) is a
    /// <see cref="StateException"/> too, never an unexplained crash.</summary>
    internal static T Strictly<T>(Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new StateException($"a value is missing or of the wrong type ({e.Message})", e);
        }
    }

    internal static void Strictly(Action read) => Strictly(() => { read(); return 0; });

    private static JsonDocument ParseOrThrow(ReadOnlySpan<byte> json, string what)
    {
        try { return JsonDocument.Parse(json.ToArray()); }
        catch (JsonException e) { throw new StateException($"the {what} is not valid JSON (it may be truncated or corrupt): {e.Message}", e); }
    }

    private static void CheckVersion(JsonElement root)
    {
        var version = Member(root, "version", JsonValueKind.Number, "") is { } v && v.TryGetInt32(out var n) ? n
            : throw new StateException("'version' is missing or not a whole number; a Pulumi checkpoint or export has version 3");
        if (version > 4) throw new StateException("this stack's deployment version is too new; upgrade ecr-automation to read it");
        if (version < 3) throw new StateException($"deployment version {version} is not supported; only versions 3 and 4 are read");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static JsonElement Expect(JsonElement e, JsonValueKind kind, string where)
    {
        var matches = e.ValueKind == kind || (kind == JsonValueKind.True && e.ValueKind == JsonValueKind.False);
        return matches ? e : throw new StateException($"{where} must be {Describe(kind)}, not {Describe(e.ValueKind)}");
    }

    /// <summary>An optional member of the given kind (<see cref="JsonValueKind.True"/> stands for a boolean); absent or null is null.</summary>
    private static JsonElement? Member(JsonElement parent, string name, JsonValueKind kind, string where)
    {
        if (!parent.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        return Expect(p, kind, where.Length == 0 ? $"'{name}'" : $"'{where}.{name}'");
    }

    private static IEnumerable<(JsonElement Item, string Where)> Items(JsonElement parent, string name, JsonValueKind kind, string where) =>
        Member(parent, name, JsonValueKind.Array, where) is { } array
            ? array.EnumerateArray().Select((item, i) => (Expect(item, kind, $"'{where}.{name}[{i}]'"), $"{where}.{name}[{i}]"))
            : [];

    private static (Snapshot, string?) ReadDeployment(JsonElement d, string where, Func<string?, ISecretsManager>? secrets)
    {
        Member(d, "manifest", JsonValueKind.Object, where);
        string? provider = null;
        if (Member(d, "secrets_providers", JsonValueKind.Object, where) is { } sp)
        {
            Member(sp, "type", JsonValueKind.String, where + ".secrets_providers");
            Member(sp, "state", JsonValueKind.Object, where + ".secrets_providers");
            provider = sp.GetRawText();
        }
        ISecretsManager? manager = null;
        Func<ISecretsManager>? lazy = secrets is null ? null : () => manager ??= secrets(provider);
        var resources = Items(d, "resources", JsonValueKind.Object, where).Select(r => ReadResource(r.Item, lazy, r.Where)).ToList();
        var pending = Items(d, "pending_operations", JsonValueKind.Object, where).Select(p =>
        {
            var name = Member(p.Item, "type", JsonValueKind.String, p.Where)?.GetString();
            if (!WireNames.TryParse<PendingOperationType>(name, out var type))
                throw new StateException($"'{p.Where}.type' must be one of {string.Join(", ", Enum.GetValues<PendingOperationType>().Select(WireNames.Of))}, not '{name}'");
            var resource = Member(p.Item, "resource", JsonValueKind.Object, p.Where) ?? throw new StateException($"'{p.Where}' has no 'resource'");
            return new PendingOperation(ReadResource(resource, lazy, p.Where + ".resource"), type);
        }).ToList();
        Verify(resources);
        return (new Snapshot(resources, pending), provider);
    }

    /// <summary>Reads a <c>ResourceV3</c>; every member present must have its documented type.</summary>
    public static ResourceState ReadResource(JsonElement r, Func<ISecretsManager>? secrets, string where = "resource")
    {
        Expect(r, JsonValueKind.Object, $"'{where}'");
        string? Str(string name) => Member(r, name, JsonValueKind.String, where)?.GetString();
        bool Bool(string name) => Member(r, name, JsonValueKind.True, where)?.GetBoolean() ?? false;
        IReadOnlyList<string> Strings(string name) => [.. Items(r, name, JsonValueKind.String, where).Select(x => x.Item.GetString()!)];
        DateTimeOffset? Time(string name) => Str(name) is { } t
            ? DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
                : throw new StateException($"'{where}.{name}' is not a timestamp: '{t}'")
            : null;
        PropertyMap Map(string name) => Member(r, name, JsonValueKind.Object, where) is { } m ? PropertyJson.ReadMap(m, secrets) : PropertyMap.Empty;

        var urn = Str("urn") ?? throw new StateException($"'{where}' has no 'urn'");
        var type = Str("type") ?? throw new StateException($"resource '{urn}' in the state has no 'type'");
        var propertyDependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Member(r, "propertyDependencies", JsonValueKind.Object, where) is { } pd)
            foreach (var p in pd.EnumerateObject())
                propertyDependencies[p.Name] = [.. Items(pd, p.Name, JsonValueKind.String, where + ".propertyDependencies").Select(x => x.Item.GetString()!)];
        CustomTimeouts? timeouts = null;
        if (Member(r, "customTimeouts", JsonValueKind.Object, where) is { } ct)
        {
            TimeSpan? Seconds(string name) => Member(ct, name, JsonValueKind.Number, where + ".customTimeouts")?.GetDouble() is > 0 and var s ? TimeSpan.FromSeconds(s) : null;
            timeouts = new CustomTimeouts { Create = Seconds("create"), Update = Seconds("update"), Delete = Seconds("delete") };
        }
        return new ResourceState
        {
            Urn = urn,
            Type = type,
            Custom = Bool("custom"),
            Delete = Bool("delete"),
            External = Bool("external"),
            Id = Str("id"),
            Inputs = Map("inputs"),
            Outputs = Map("outputs"),
            Parent = Str("parent") is { Length: > 0 } parent ? parent : null,
            Protect = Bool("protect"),
            RetainOnDelete = Bool("retainOnDelete"),
            Dependencies = Strings("dependencies"),
            PropertyDependencies = propertyDependencies,
            AdditionalSecretOutputs = Strings("additionalSecretOutputs"),
            IgnoreChanges = Strings("ignoreChanges"),
            ReplaceOnChanges = Strings("replaceOnChanges"),
            CustomTimeouts = timeouts,
            ImportId = Str("importID"),
            Provider = Str("provider") is { Length: > 0 } provider ? provider : null,
            Created = Time("created"),
            Modified = Time("modified"),
        };
    }

    /// <summary>
    /// Pulumi's integrity rules: valid URNs matching their type, unique live URNs, no id on components, and parents,
    /// dependencies and providers (by URN and id) earlier in the list.
    /// </summary>
    public static void Verify(IReadOnlyList<ResourceState> resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var live = new HashSet<string>(StringComparer.Ordinal);
        var providers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in resources)
        {
            if (!Urns.IsValid(r.Urn)) throw new StateException($"'{r.Urn}' in the state is not a valid URN");
            if (Urns.Type(r.Urn) != r.Type) throw new StateException($"resource '{r.Urn}' has type '{r.Type}', but its URN says '{Urns.Type(r.Urn)}'");
            if (!r.Custom && !string.IsNullOrEmpty(r.Id)) throw new StateException($"component resource '{r.Urn}' has an id; only custom resources may");
            if (r.Parent is not null && !seen.Contains(r.Parent))
                throw new StateException($"child resource {r.Urn}'s parent {r.Parent} comes after it (or is missing)");
            foreach (var d in r.Dependencies.Concat(r.PropertyDependencies.Values.SelectMany(v => v)))
                if (!seen.Contains(d)) throw new StateException($"resource {r.Urn}'s dependency {d} comes after it (or is missing)");
            if (r.Provider is { } provider && !providers.Contains(provider))
                throw new StateException($"resource {r.Urn}'s provider '{provider}' is not a provider (<urn>::<id>) listed before it");
            if (!r.Delete && !live.Add(r.Urn)) throw new StateException($"duplicate resource URN '{r.Urn}' in the state");
            seen.Add(r.Urn);
            if (r.Custom && r.Type.StartsWith("pulumi:providers:", StringComparison.Ordinal)) providers.Add($"{r.Urn}::{r.Id}");
        }
    }

    /// <summary>SHA-256 of the engine version, as Pulumi's manifest magic cookie.</summary>
    public static string Magic(string version) =>
        version.Length == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(version)));
}
