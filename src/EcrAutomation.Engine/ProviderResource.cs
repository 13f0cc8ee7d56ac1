namespace EcrAutomation;

/// <summary>
/// An explicit provider, like Pulumi's <c>ProviderResource</c>: a resource of type <c>pulumi:providers:&lt;package&gt;</c>
/// whose inputs are that package's configuration (without the <c>&lt;package&gt;:</c> prefix) for the resources that
/// choose it with <see cref="ResourceOptions.Provider"/> (or whose parent chose it). It lives in state only, and every
/// resource using it references it as <c>&lt;provider urn&gt;::&lt;id&gt;</c>; its configuration replaces the stack's
/// configuration of that package for those resources, also when they are refreshed or destroyed later without a program.
/// </summary>
public class ProviderResource : CustomResource
{
    /// <summary>Registers an explicit provider of <paramref name="package"/> (for example <c>aws</c>).</summary>
    protected ProviderResource(string package, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(Deployment.ProviderReferences.TypePrefix + package, name, args, options)
    {
        Package = package;
    }

    /// <summary>The package whose resources this provider manages.</summary>
    public string Package { get; }
}
