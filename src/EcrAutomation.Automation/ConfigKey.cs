namespace EcrAutomation.Automation;

/// <summary>Config key rules: <c>&lt;namespace&gt;:&lt;name&gt;</c>; bare keys take the project's namespace.</summary>
internal static class ConfigKey
{
    public static string Normalize(string key, string? project)
    {
        var parts = key.Split(':');
        return parts.Length switch
        {
            1 when project is not null => $"{project}:{key}",
            2 when parts[0].Length > 0 && parts[1].Length > 0 => key,
            3 when parts[1] == "config" => $"{parts[0]}:{parts[2]}",
            _ => throw new ConfigException($"configuration keys should be of the form `<namespace>:<name>` (got '{key}')"),
        };
    }
}
