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

    /// <summary>
    /// The display form used by Pulumi's tree: a module's last segment that only repeats the type name is dropped
    /// (<c>aws:ecr/repository:Repository</c> becomes <c>aws:ecr:Repository</c>); any other module stays
    /// (<c>kubernetes:apps/v1:Deployment</c>).
    /// </summary>
    public static string DisplayName(string type)
    {
        var parts = type.Split(':');
        if (parts.Length != 3) return type;
        var module = parts[1];
        var slash = module.LastIndexOf('/');
        var name = parts[2];
        if (slash >= 0 && name.Length > 0 && module[(slash + 1)..] == char.ToLowerInvariant(name[0]) + name[1..]) module = module[..slash];
        return $"{parts[0]}:{module}:{name}";
    }
}
