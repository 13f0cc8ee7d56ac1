using System.Reflection;
using EcrAutomation.Schema;

namespace EcrAutomation.Yaml.Options;

/// <summary>The resource whose <c>options:</c> are read: what decides which options apply and how.</summary>
/// <param name="Name">Its key in the template, for messages.</param>
/// <param name="Token">Its canonical type token (its package is the part before the first colon).</param>
/// <param name="IsComponent">A component: gets <see cref="ComponentResourceOptions"/>, and custom-only options are errors.</param>
/// <param name="PackageVersion">The version of its package this host provides (what <c>version:</c> must match); null: any.</param>
internal sealed record OptionsTarget(string Name, string Token, bool IsComponent, string? PackageVersion = null)
{
    /// <summary>The package: <c>aws</c> for <c>aws:ecr/repository:Repository</c>, <c>kubernetes</c> for <c>pulumi:providers:kubernetes</c>.</summary>
    public string Package => Token.StartsWith("pulumi:providers:", StringComparison.Ordinal) ? Token["pulumi:providers:".Length..] : Token.Split(':')[0];

    /// <summary>
    /// The target for a resource of <paramref name="type"/>: its package version is the class's
    /// <see cref="ResourceTypeAttribute.Version"/>, else its assembly's version (without build metadata).
    /// </summary>
    public static OptionsTarget For(string name, ResourceTypeInfo type)
    {
        var version = type.ResourceClass.GetCustomAttribute<ResourceTypeAttribute>()?.Version
            ?? type.ResourceClass.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        return new OptionsTarget(name, type.Token, type.IsComponent, version);
    }
}
