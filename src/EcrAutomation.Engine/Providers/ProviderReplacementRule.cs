namespace EcrAutomation.Providers;

/// <summary>
/// Decides whether a change to an explicit provider's inputs (its package's configuration, without the package prefix)
/// makes it manage other infrastructure, such as another Kubernetes cluster. When it does, the engine replaces the provider
/// (it gets a new id) and every resource using it: each is created anew with the new configuration (before the old one is
/// deleted, unless <see cref="CustomResourceOptions.DeleteBeforeReplace"/>), and the old one is deleted with the old
/// configuration, so no resource is silently re-targeted. Otherwise the provider is updated in place and its resources keep
/// their ids. This is Pulumi's <c>DiffConfig</c> replacement decision. Registered per package with
/// <see cref="ProviderRegistry.AddReplacementRule"/>; a package without a rule never replaces its providers.
/// </summary>
/// <param name="oldInputs">The provider's inputs recorded in state.</param>
/// <param name="newInputs">The program's new inputs; during preview they may contain unknown values (outputs of resources
/// not created yet), and a rule should treat an unknown value it depends on as a change requiring replacement.</param>
/// <returns>Whether the provider and its resources must be replaced.</returns>
public delegate bool ProviderReplacementRule(PropertyMap oldInputs, PropertyMap newInputs);
