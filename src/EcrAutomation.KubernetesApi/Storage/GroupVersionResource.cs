namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>
/// Names a kind of object in the store the way the API paths do: API group (empty for the core group), version and the
/// plural resource name, e.g. <c>apps/v1/deployments</c>. Every object in a cluster is stored under one of these plus
/// its namespace (for namespaced kinds) and name.
/// </summary>
/// <param name="Group">The API group, empty for the core group (<c>v1</c> pods, services, ...).</param>
/// <param name="Version">The API version, e.g. <c>v1</c>.</param>
/// <param name="Resource">The plural lower-case resource name, e.g. <c>deployments</c>.</param>
public sealed record GroupVersionResource(string Group, string Version, string Resource)
{
    /// <summary>The <c>apiVersion</c> field value of objects of this resource: <c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The resource as a path-like key, <c>apps/v1/deployments</c> or <c>core/v1/pods</c>; used in the log.</summary>
    public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)}/{Version}/{Resource}";

    /// <summary>Parses what <see cref="ToString"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not <c>group/version/resource</c>.</exception>
    public static GroupVersionResource Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            throw new FormatException($"'{text}' is not a group/version/resource key.");
        }

        return new GroupVersionResource(parts[0] == "core" ? string.Empty : parts[0], parts[1], parts[2]);
    }
}
