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

/// <summary>Builds and parses URNs in Pulumi's format.</summary>
public static class Urns
{
    private const string Prefix = "urn:pulumi:";

    /// <summary><c>urn:pulumi:&lt;stack&gt;::&lt;project&gt;::&lt;qualified type&gt;::&lt;name&gt;</c>.</summary>
    public static string Create(string stack, string project, string qualifiedType, string name) =>
        $"{Prefix}{stack}::{project}::{qualifiedType}::{name}";

    /// <summary>The logical name: everything after the third <c>::</c>.</summary>
    public static string Name(string urn) => Split(urn).Name;

    /// <summary>The resource's own type: the part of the qualified type after the last <c>$</c>.</summary>
    public static string Type(string urn)
    {
        var qualified = Split(urn).QualifiedType;
        var dollar = qualified.LastIndexOf('$');
        return dollar < 0 ? qualified : qualified[(dollar + 1)..];
    }

    public static bool IsValid(string urn) => urn.StartsWith(Prefix, StringComparison.Ordinal) && urn.Split("::").Length >= 4;

    private static (string Stack, string Project, string QualifiedType, string Name) Split(string urn)
    {
        if (!IsValid(urn)) throw new FormatException($"'{urn}' is not a valid URN");
        var body = urn[Prefix.Length..];
        var parts = body.Split("::", 4);
        return (parts[0], parts[1], parts[2], parts[3]);
    }
}
