using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Automation;

/// <summary><c>Pulumi.&lt;stack&gt;.yaml</c>: namespaced config keys, secure values and the secrets provider's settings.</summary>
public sealed class StackSettings
{
    /// <summary>The passphrase secrets manager's salt (<c>encryptionsalt</c>); null until a secret is first set, and for a stack whose secrets use a key management service.</summary>
    public string? EncryptionSalt { get; set; }
    /// <summary>The secrets provider URL (<c>secretsprovider</c>), e.g. <c>awskms://alias/team?region=us-east-1</c>; null for passphrase secrets.</summary>
    public string? SecretsProvider { get; set; }
    /// <summary>The stack's data key encrypted by <see cref="SecretsProvider"/>'s key, base64 (<c>encryptedkey</c>).</summary>
    public string? EncryptedKey { get; set; }

    /// <summary>Whether the file says how its secrets are encrypted (a passphrase salt, or a provider URL with its encrypted data key).</summary>
    internal bool HasSecretsProvider => EncryptionSalt is not null || (SecretsProvider is not null && EncryptedKey is not null);
    /// <summary>The config values by full key (<c>aws:region</c>); a secret's value is its <c>secure:</c> ciphertext.</summary>
    public SortedDictionary<string, ConfigValue> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>The path of a stack's config file: <c>Pulumi.&lt;stack&gt;.yaml</c> in the project folder, or in its <c>stackConfigDir</c>.</summary>
    /// <param name="projectDir">The folder holding <c>Pulumi.yaml</c>.</param>
    /// <param name="project">The project's settings.</param>
    /// <param name="stack">The stack's name.</param>
    public static string PathFor(string projectDir, ProjectSettings project, string stack) =>
        Path.Combine(projectDir, project.StackConfigDir ?? "", $"Pulumi.{stack}.yaml");

    /// <summary>Reads a stack config file (an absent file is empty); anything but string values or <c>{secure: ...}</c> is an error naming its line.</summary>
    public static StackSettings Load(string path)
    {
        var settings = new StackSettings();
        if (!File.Exists(path)) return settings;
        var root = YamlFiles.LoadMapping(path);
        settings.EncryptionSalt = YamlFiles.Scalar(path, root, "encryptionsalt");
        settings.SecretsProvider = YamlFiles.Scalar(path, root, "secretsprovider");
        settings.EncryptedKey = YamlFiles.Scalar(path, root, "encryptedkey");
        if (!root.Children.TryGetValue(new YamlScalarNode("config"), out var config) || YamlFiles.IsNull(config)) return settings;
        if (config is not YamlMappingNode map)
            throw YamlFiles.Error(path, config, $"'config' must be a mapping of `namespace:key: value` entries, not {YamlFiles.Describe(config)}");
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name }) throw YamlFiles.Error(path, k, $"a config key must be a string, not {YamlFiles.Describe(k)}");
            string key;
            try { key = ConfigKey.Normalize(name, null); }
            catch (ConfigException e) { throw YamlFiles.Error(path, k, e.Message); }
            settings.Config[key] = v switch
            {
                YamlScalarNode s => new ConfigValue(s.Value ?? "", false),
                YamlMappingNode m when m.Children.Count == 1 && YamlFiles.Scalar(path, m, "secure") is { } secure => new ConfigValue(secure, true),
                _ => throw YamlFiles.Error(path, v, $"config value '{key}' must be a string or {{secure: ...}}, not {YamlFiles.Describe(v)}"),
            };
            if (settings.Config[key].IsSecret && !settings.HasSecretsProvider)
                throw YamlFiles.Error(path, v, $"config value '{key}' is encrypted but the file has no encryptionsalt (or secretsprovider and encryptedkey) to decrypt it with; set the value again with `config set --secret`, or restore the file's encryptionsalt or encryptedkey");
        }
        return settings;
    }

    /// <summary>Writes the file atomically (a temp file, then a rename), creating its folder.</summary>
    public void Save(string path)
    {
        var lines = new List<string>();
        if (SecretsProvider is not null) lines.Add($"secretsprovider: {YamlFiles.Quote(SecretsProvider)}");
        if (EncryptedKey is not null) lines.Add($"encryptedkey: {EncryptedKey}");
        if (EncryptionSalt is not null) lines.Add($"encryptionsalt: {EncryptionSalt}");
        if (Config.Count > 0)
        {
            lines.Add("config:");
            foreach (var (k, v) in Config)
            {
                if (v.IsSecret) { lines.Add($"  {k}:"); lines.Add($"    secure: {v.Value}"); }
                else lines.Add($"  {k}: {YamlFiles.Quote(v.Value)}");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, string.Join("\n", lines) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
