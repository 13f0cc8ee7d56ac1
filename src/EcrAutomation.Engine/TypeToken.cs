namespace EcrAutomation;

internal static class TypeToken
{
    /// <summary>Checks the <c>pkg:module:Type</c> shape, with Pulumi's error text.</summary>
    public static void Validate(string type)
    {
        var parts = type.Split(':');
        if (parts.Length < 3 || parts.Any(string.IsNullOrEmpty))
            throw new ArgumentException($"Type '{type}' is not a valid type token (must have format '*:*:*')", nameof(type));
    }

    /// <summary>The display form used by pulumi's tree: <c>aws:ecr/repository:Repository</c> becomes <c>aws:ecr:Repository</c>.</summary>
    public static string DisplayName(string type)
    {
        var parts = type.Split(':');
        if (parts.Length != 3) return type;
        var module = parts[1];
        var slash = module.IndexOf('/');
        if (slash >= 0) module = module[..slash];
        return $"{parts[0]}:{module}:{parts[2]}";
    }
}
