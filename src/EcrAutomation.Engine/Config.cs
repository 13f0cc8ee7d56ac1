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

    public string? Get(string key) => _context.Config.TryGetValue(FullKey(key), out var v) ? v : null;
    public int? GetInt32(string key) => Get(key) is { } v
        ? int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw WrongType(key, v, "an integer")
        : null;
    public bool? GetBoolean(string key) => Get(key) is { } v ? bool.TryParse(v, out var b) ? b : throw WrongType(key, v, "true or false") : null;

    public string Require(string key) => Get(key) ?? throw Missing(key);
    public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key);

    public Output<string>? GetSecret(string key) => Get(key) is { } v ? Output.CreateSecret(v) : null;
    public Output<string> RequireSecret(string key) => Output.CreateSecret(Require(key));

    private string FullKey(string key) => $"{Name}:{key}";

    private ConfigTypeException WrongType(string key, string value, string expected) =>
        new($"Configuration '{FullKey(key)}' value '{value}' is not {expected}\n\tplease set a valid value using the command `ecr-automation config set {FullKey(key)} <value>`");

    private Exception Missing(string key) => new ConfigMissingException(
        $"Missing required configuration variable '{FullKey(key)}'\n\tplease set a value using the command `ecr-automation config set {FullKey(key)} <value>`");
}
