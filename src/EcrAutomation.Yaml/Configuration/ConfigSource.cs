using EcrAutomation.Deployment;

namespace EcrAutomation.Yaml.Configuration;

/// <summary>The stack's configuration a program reads: its values by full key (<c>proj:key</c>, <c>aws:region</c>) and which are secret.</summary>
internal sealed record ConfigSource(string Project, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> SecretKeys)
{
    /// <summary>The configuration of the deployment running the current program.</summary>
    /// <exception cref="InvalidOperationException">No program is running.</exception>
    public static ConfigSource Current()
    {
        var context = DeploymentContext.Current ?? throw new InvalidOperationException("a YAML program's config can only be read inside a running program");
        return new ConfigSource(context.ProjectName, context.Config, context.SecretConfigKeys);
    }

    /// <summary>The full key of a template config name: names without a namespace are the project's.</summary>
    public string FullKey(string name) => name.Contains(':', StringComparison.Ordinal) ? name : $"{Project}:{name}";

    /// <summary>The name a program refers to a full key by: the key without the project's namespace.</summary>
    public string ShortName(string fullKey) => fullKey.StartsWith(Project + ":", StringComparison.Ordinal) ? fullKey[(Project.Length + 1)..] : fullKey;
}
