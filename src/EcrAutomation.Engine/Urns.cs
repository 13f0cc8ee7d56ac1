namespace EcrAutomation;

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

    /// <summary>Whether <paramref name="urn"/> has the shape <c>urn:pulumi:stack::project::type::name</c>.</summary>
    public static bool IsValid(string urn) => urn.StartsWith(Prefix, StringComparison.Ordinal) && urn.Split("::").Length >= 4;

    private static (string Stack, string Project, string QualifiedType, string Name) Split(string urn)
    {
        if (!IsValid(urn)) throw new FormatException($"'{urn}' is not a valid URN");
        var body = urn[Prefix.Length..];
        var parts = body.Split("::", 4);
        return (parts[0], parts[1], parts[2], parts[3]);
    }
}
