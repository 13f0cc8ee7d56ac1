using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Cli.Cloud;
using EcrAutomation.Cli.Programs;
using EcrAutomation.Schema;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// The host's own stack config keys (<c>ecr-automation:*</c>). A wrong cloud must never fall back to real AWS, and an
/// unknown key is most likely a typo of a known one.
/// </summary>
internal static class HostConfig
{
    private const string Namespace = "ecr-automation:";
    public const string LocalCloud = "local";
    private static readonly string[] Clouds = [LocalCloud, "aws"];
    private static readonly string[] Keys = [ProgramCatalog.ConfigKey, LocalCloudTarget.CloudConfigKey, DeployedImageGuard.AllowConfigKey];

    /// <summary>Throws for a value the host cannot use.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> config, string file)
    {
        if (config.TryGetValue(LocalCloudTarget.CloudConfigKey, out var cloud) && !Clouds.Contains(cloud))
            throw new UsageException($"{file}: {LocalCloudTarget.CloudConfigKey} is '{cloud}', which is not a cloud; use one of: {string.Join(", ", Clouds)} (or leave it out for AWS)");
    }

    /// <summary>A warning for each unknown key, with the known key it most likely means.</summary>
    public static IEnumerable<string> Warnings(IReadOnlyDictionary<string, string> config, string file)
    {
        foreach (var key in config.Keys.Where(k => k.StartsWith(Namespace, StringComparison.Ordinal) && !Keys.Contains(k)).Order(StringComparer.Ordinal))
        {
            var hint = Spelling.Closest(key, Keys) is { } closest ? $"did you mean '{closest}'? " : "";
            yield return $"{file}: unknown config key '{key}' (ignored); {hint}the known keys are {string.Join(", ", Keys)}";
        }
    }

    public static bool TargetsLocalCloud(IReadOnlyDictionary<string, string> config) =>
        config.TryGetValue(LocalCloudTarget.CloudConfigKey, out var cloud) && cloud == LocalCloud;
}
