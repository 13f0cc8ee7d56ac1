using System.Globalization;
using EcrAutomation.Deployment;

namespace EcrAutomation;

/// <summary>
/// Reads the running program's stack configuration, like Pulumi's <c>Config</c>: <c>new Config()</c> uses the project's
/// namespace, <c>new Config("aws")</c> another one.
/// </summary>
public sealed class Config
{
    private readonly DeploymentContext _context;

    /// <summary>Reads one config namespace of the running program's stack.</summary>
    /// <param name="name">The namespace (<c>aws</c>); null: the project's name.</param>
    /// <exception cref="InvalidOperationException">Called outside a running program.</exception>
    public Config(string? name = null)
    {
        _context = DeploymentContext.Current ?? throw new InvalidOperationException("Config can only be read inside a running program.");
        Name = name ?? _context.ProjectName;
    }

    /// <summary>The namespace this instance reads.</summary>
    public string Name { get; }

    /// <summary>Every value of this namespace, by full key (<c>aws:region</c>): for libraries that read a whole package's settings.</summary>
    public IReadOnlyDictionary<string, string> GetAll() =>
        _context.Config.Where(kv => kv.Key.StartsWith(Name + ":", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>The value of <c>&lt;namespace&gt;:&lt;key&gt;</c>, or null when it is not set.</summary>
    public string? Get(string key) => _context.Config.TryGetValue(FullKey(key), out var v) ? v : null;
    /// <summary>The value as an integer, or null when it is not set.</summary>
    /// <exception cref="ConfigTypeException">The value is not an integer.</exception>
    public int? GetInt32(string key) => Get(key) is { } v
        ? int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw WrongType(key, v, "an integer")
        : null;
    /// <summary>The value as <c>true</c>/<c>false</c>, or null when it is not set.</summary>
    /// <exception cref="ConfigTypeException">The value is not a boolean.</exception>
    public bool? GetBoolean(string key) => Get(key) is { } v ? bool.TryParse(v, out var b) ? b : throw WrongType(key, v, "true or false") : null;

    /// <summary>The value; the program fails with a message naming the key and how to set it when it is missing.</summary>
    /// <exception cref="ConfigMissingException">The key is not set.</exception>
    public string Require(string key) => Get(key) ?? throw Missing(key);
    /// <summary>The value as an integer; it must be set.</summary>
    /// <exception cref="ConfigMissingException">The key is not set.</exception>
    /// <exception cref="ConfigTypeException">The value is not an integer.</exception>
    public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key);

    /// <summary>The value as a secret output (encrypted in state, hidden in output), or null when it is not set.</summary>
    public Output<string>? GetSecret(string key) => Get(key) is { } v ? Output.CreateSecret(v) : null;
    /// <summary>The value as a secret output; it must be set.</summary>
    /// <exception cref="ConfigMissingException">The key is not set.</exception>
    public Output<string> RequireSecret(string key) => Output.CreateSecret(Require(key));

    private string FullKey(string key) => $"{Name}:{key}";

    private ConfigTypeException WrongType(string key, string value, string expected) =>
        new($"Configuration '{FullKey(key)}' value '{value}' is not {expected}\n\tplease set a valid value using the command `ecr-automation config set {FullKey(key)} <value>`");

    private Exception Missing(string key) => new ConfigMissingException(
        $"Missing required configuration variable '{FullKey(key)}'\n\tplease set a value using the command `ecr-automation config set {FullKey(key)} <value>`");
}
